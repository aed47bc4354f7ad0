package dev.circuits.core.testing;

import dev.circuits.core.CircuitException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * Runs seeded fuzz cases: each must end in a valid result or a typed {@link CircuitException};
 * an untyped exception, an {@code Error} (stack overflow, out of memory) or a case running past
 * its time limit fails the test, naming the seed and the input.
 */
public final class Fuzz {
  /** The body of one case on its generated input; returns normally for a valid result. */
  @FunctionalInterface
  public interface Case<T> {
    void run(T input) throws Exception;
  }

  /** How the cases ended. */
  public record Outcomes(int valid, int rejected) {}

  private Fuzz() {}

  /**
   * The number of cases a fuzz test runs: {@code dflt}, or {@code -Dfuzz.cases=N} for a longer
   * search ({@code -Dfuzz.first=S} starts at seed S).
   */
  public static int cases(int dflt) {
    return Integer.getInteger("fuzz.cases", dflt);
  }

  /** The first seed: 0, or {@code -Dfuzz.first=S}. */
  public static long firstSeed() {
    return Long.getLong("fuzz.first", 0L);
  }

  /**
   * Runs cases for seeds {@code first .. first+count-1} on a worker thread with a time limit each;
   * {@code describe} renders an input for failure messages.
   */
  public static <T> Outcomes run(long first, int count, Duration limit, LongFunction<T> inputs,
      java.util.function.Function<T, String> describe, Case<T> body) {
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true);
      return t;
    });
    int valid = 0;
    int rejected = 0;
    try {
      for (long seed = first; seed < first + count; seed++) {
        T input = inputs.apply(seed);
        Future<?> f = worker.submit(() -> {
          body.run(input);
          return null;
        });
        try {
          f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
          valid++;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof CircuitException)) {
            throw new AssertionError("fuzz case seed=" + seed + " ended in " + e.getCause()
                + " (not a typed CircuitException); input:\n" + clip(describe.apply(input)),
                e.getCause());
          }
          rejected++;
        } catch (TimeoutException e) {
          f.cancel(true);
          throw new AssertionError("fuzz case seed=" + seed + " ran longer than " + limit
              + "; input:\n" + clip(describe.apply(input)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted at fuzz case seed=" + seed, e);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return new Outcomes(valid, rejected);
  }

  /** The input with control characters escaped, clipped to 3000 characters. */
  private static String clip(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 3000); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        sb.append("\\n\n");
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb + (s.length() > 3000 ? "\n... (" + s.length() + " chars in all)" : "");
  }
}
