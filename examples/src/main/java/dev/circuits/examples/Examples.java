package dev.circuits.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Lists the examples and runs one by name: {@code ./circuits example NAME [ARGS...]}. */
public final class Examples {
  /** A runnable example: its one-line summary and its main. */
  public record Example(String summary, Main main) {}

  /** An example's entry point. */
  @FunctionalInterface
  public interface Main {
    /** Runs the example with its arguments. */
    void run(String[] args) throws Exception;
  }

  /** Every example by name, in README order. */
  public static final Map<String, Example> ALL = examples();

  private Examples() {}

  private static Map<String, Example> examples() {
    Map<String, Example> m = new LinkedHashMap<>();
    m.put("circuit-basics", new Example(
        "build, print, parse and evaluate a small circuit", CircuitBasics::main));
    m.put("matchers-and-rewrites", new Example(
        "find nodes with matchers, rewrite along paths, simplify", MatchersAndRewrites::main));
    m.put("gpt2", new Example(
        "tokenize a prompt and run GPT-2 (planted-ioi, or a checkpoint folder / Hub id)",
        RunGpt2::main));
    m.put("causal-scrubbing", new Example(
        "scrub a toy model, then the name-mover hypothesis on planted-ioi", CausalScrubbing::main));
    m.put("path-patching", new Example(
        "which heads carry IO to the logits: a path-patching sweep on planted-ioi",
        PathPatchingSweep::main));
    m.put("ioi-claim", new Example(
        "test one of REMIX's IOI claims on planted-ioi (args: CLAIM [N])", IoiClaim::main));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Runs the example named by {@code args[0]} with the remaining arguments, or lists them. */
  public static void main(String[] args) throws Exception {
    Example e = args.length == 0 ? null : ALL.get(args[0]);
    if (e == null && args.length > 0) {
      System.err.println("error: no example named '" + args[0] + "'; try one of " + ALL.keySet());
      System.exit(2);
    }
    if (e == null) {
      System.out.println("usage: circuits example NAME [ARGS...]; examples:");
      ALL.forEach((name, ex) -> System.out.printf("  %-22s %s%n", name, ex.summary()));
      return;
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    e.main().run(rest);
  }
}
