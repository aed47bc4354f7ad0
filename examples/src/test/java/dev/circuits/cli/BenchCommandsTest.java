package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark commands parse their options (the benchmarks themselves are not tests). */
class BenchCommandsTest {
  private static String usage(Object command) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--help"));
    return out.toString();
  }

  @Test
  void sweepAndForwardDescribeTheirOptions() {
    String sweep = usage(new BenchSweepCommand());
    assertTrue(sweep.contains("sweep") && sweep.contains("--model")
        && sweep.contains("--naive-sample"), sweep);
    String forward = usage(new BenchForwardCommand());
    assertTrue(forward.contains("forward") && forward.contains("--model"), forward);
    BenchSweepCommand parsed = new BenchSweepCommand();
    new CommandLine(parsed).parseArgs("--naive-sample", "0", "--receiver", "q");
    assertEquals(0, parsed.naiveSample);
    assertEquals("q", parsed.receiver);
  }
}
