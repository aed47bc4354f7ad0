package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.testing.Fuzz;
import dev.circuits.core.testing.Mutations;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the {@code .circ} parser (issue 15): mutated printed random circuits, golden
 * strings and, where {@code ../shared/fixtures/circ} exists, REMIX's model files. Every case ends
 * in a typed exception or in circuits that hash, print, parse back to themselves and (when small)
 * evaluate. A failure names its seed; rerun one case with {@code cases(seed, 1)}.
 */
class CircFuzzTest {
  private static final int CASES = 800;
  private static final List<String> TOKENS = List.of("'", "\\", "\\'", " ", "  ", "\n", "\n  ",
      "[", "]", ",", ":", "!", "#", " AD", " Add", " Einsum ab,bc->ac", " Scalar 1", " Array rand",
      " Array zz", " Symbol", " Module", " ! 'x' [2] Symbol", " [-1]", " [2147483648]",
      " [100000,100000]", "\u25bc", "|/", " 'n'", "0s", "*", " Index [0:1]", " Index [7]",
      " GeneralFunction gen_index_at_0", " GeneralFunction softmax", " Rearrange a b -> b a",
      " Concat 0", " Concat 9", " Tag 00000000-0000-0000-0000-000000000001", " DiscreteVar",
      " SetSymbolicShape", " Scatter [0:1]", "\t", "\r", "\u20ac", "\u2502", " ftt");
  private static final List<String> GOLDENS = List.of(
      "0 Add\n  1 [2] Scalar 1\n  1",
      "'a' Einsum ab,bc->ac\n  'b' [2,3] Scalar 1\n  'c' [3,4] Scalar 2",
      "'m' Module\n  'body' Add\n    's' [2] Symbol 00000000-0000-0000-0000-000000000001\n"
          + "  'x' [2] Scalar 1 ! 's'",
      "'r' Rearrange (a:2 b) c -> b a c\n  'x' [4,3] Scalar 1",
      "'i' [2] Index [1:3]\n  'x' [4] Scalar 1",
      "'g' GeneralFunction gen_index_at_0\n  'x' [5,2] Scalar 1\n"
          + "  'ids' [3] Array rand",
      "'c' Concat 0\n  'a' [2] Scalar 1\n  'b' [3] Scalar 2",
      "'d' DiscreteVar\n  'v' [3,2] Scalar 1\n  'p' [3] Scalar 0.3333",
      "0 [2,3] Scatter [1:3,0:3]\n  1 [1,3] Scalar 1",
      "'s' SetSymbolicShape [0s]\n  'x' [3] Scalar 1",
      "'t' Tag 00000000-0000-0000-0000-000000000002\n  'x' [2] Scalar 1",
      "0 'named' AD [large:3,small:1] Scalar 1.5 # comment\n",
      "'x' [2] Scalar 1\n\u25bc\n'y' Add");

  private final Map<String, Array> tensors = new ConcurrentHashMap<>();

  private Array lookup(String prefix) {
    for (Map.Entry<String, Array> e : tensors.entrySet()) {
      if (e.getKey().startsWith(prefix.toLowerCase(java.util.Locale.ROOT))) {
        return e.getValue();
      }
    }
    return null;
  }

  private PrintOptions printing() {
    return PrintOptions.defaults().withTensorSink(a -> tensors.put(a.tensorHashHex(), a));
  }

  private List<String> corpus() {
    List<String> texts = new ArrayList<>(GOLDENS);
    for (long seed = 0; seed < 40; seed++) {
      texts.add(Printer.repr(printing(), new RandomCircuits(seed).next()));
    }
    SharedFixtures.find("fixtures/circ").ifPresent(dir -> {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".circ")).sorted().toList()) {
          texts.add(Files.readString(f));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return texts;
  }

  /** One case: parse, then hash, print, parse back and (when small) evaluate. */
  private void check(String text, long seed) {
    ParserOptions opts = ParserOptions.defaults().withTensorLookup(this::lookup)
        .withTensorsAsRandom(true, seed);
    List<Circuit> roots;
    if (text.startsWith(ModelFile.INFO_PREFIX)) {
      roots = List.copyOf(ModelFile.parse(text, ParserOptions.defaults()
          .withTensorStandIns(true)).circuits().values());
    } else {
      roots = new Parser(opts).parseCircuits(text);
      String printed = Printer.repr(printing(), roots);
      assertEquals(roots, new Parser(opts).parseCircuits(printed), "print/parse round trip");
    }
    for (Circuit c : roots) {
      assertEquals(64, c.hashHex().length());
      if (!text.startsWith(ModelFile.INFO_PREFIX) && small(c) && c.isExplicitlyComputable()
          && c.isConstant()) {
        Evaluator.create().evaluate(c);
      }
    }
  }

  private static boolean small(Circuit c) {
    try {
      return c.shape().numel() <= 100_000;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private Fuzz.Outcomes cases(long first, int count) {
    List<String> corpus = corpus();
    return Fuzz.run(first, count, Duration.ofSeconds(20), seed -> {
      Random r = new Random(seed);
      return Mutations.text(corpus.get(r.nextInt(corpus.size())), r, TOKENS, 4);
    }, text -> text, text -> check(text, text.hashCode()));
  }

  @Test
  void mutatedCircFilesEndInATypedErrorOrAValidCircuit() {
    int count = Fuzz.cases(CASES);
    Fuzz.Outcomes o = cases(Fuzz.firstSeed(), count);
    assertTrue(o.valid() > count / 20 && o.rejected() > count / 4, o.toString());
  }
}
