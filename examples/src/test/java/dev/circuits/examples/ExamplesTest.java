package dev.circuits.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every example on small inputs and checks what it prints. */
class ExamplesTest {
  /** Per example: the arguments (small N) and a line its output must contain. */
  private static final Map<String, Run> RUNS = Map.of(
      "circuit-basics", new Run(new String[0], "parsed back from text: equal = true"),
      "matchers-and-rewrites", new Run(new String[0],
          "a3.h0 changed = true, a3.h1 changed = false"),
      "gpt2", new Run(new String[0], "' Mary'"),
      "causal-scrubbing", new Run(new String[] {"8"}, "true hypothesis"),
      "path-patching", new Run(new String[] {"8"}, "largest effects: [3.0, 3.1"),
      "ioi-claim", new Run(new String[] {"1", "8"}, "verdict: SUPPORTED"));

  private record Run(String[] args, String expected) {}

  @Test
  void everyExampleHasARun() {
    assertEquals(Examples.ALL.keySet(), RUNS.keySet());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleRuns() {
    return Examples.ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Run run = RUNS.get(e.getKey());
      String out = stdout(() -> e.getValue().main().run(run.args()));
      assertTrue(out.contains(run.expected()), e.getKey() + " printed:\n" + out);
    }));
  }

  @Test
  void withoutArgumentsItListsTheExamples() throws Exception {
    String out = stdout(() -> Examples.main(new String[0]));
    Examples.ALL.keySet().forEach(name -> assertTrue(out.contains(name), out));
  }

  /** Something that prints. */
  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }

  private static String stdout(Body body) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
