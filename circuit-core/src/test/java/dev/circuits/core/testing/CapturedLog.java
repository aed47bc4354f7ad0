package dev.circuits.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what slf4j-simple writes to stderr while a body runs (it resolves System.err per call). */
public final class CapturedLog {
  private CapturedLog() {}

  /** The stderr text (where slf4j-simple logs) written while {@code body} runs. */
  public static String stderrOf(Runnable body) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
