package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code circuits ioi claims} on the planted model, and its progress bar. */
class IoiClaimsCommandTest {
  @Test
  void writesTheReportAndPrintsTheVerdict(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "claims", "--model", "planted-ioi",
        "--claim", "6", "--n", "10", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Claim 6 (") && r.out().contains("SUPPORTED"), r.out());
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("--model planted-ioi --claim 6 --n 10"), "the exact command");
    assertFalse(html.contains("<script"), "no scripts");
    assertTrue(Files.readString(out.resolve("report.md")).contains("**supported**"));
    try (var files = Files.list(out)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("claim6-")
          && p.toString().endsWith(".png")));
    }
  }

  @Test
  void unknownClaimIsAUsageErrorNamingTheValidIds() {
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "claims", "--model", "planted-ioi",
        "--claim", "9");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("unknown claim '9'"), r.err());
  }

  @Test
  void progressIsOneLinePerStepWhenNotATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    bar.update("2", "sweep", 1, 4);
    bar.update("2", "done", 4, 4);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].matches("claim 2 \\[#{7}\\.{23}\\] 1/4 +\\d+\\.\\d s sweep"), lines[0]);
    assertTrue(lines[1].matches("claim 2 \\[#{30}\\] 4/4 +\\d+\\.\\d s done"), lines[1]);
  }

  @Test
  void terminalProgressRedrawsInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    bar.update("3", "a long step name", 0, 2);
    bar.update("3", "b", 1, 2);
    bar.finish();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\rclaim 3 [") && text.contains("\rclaim 3 [###############"),
        text);
    assertTrue(text.endsWith("\n"), "finish ends the line");
  }
}
