package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code circuits circ get} and {@code circuits circ simp}, registered as the lead will. */
class CircRewriteCommandsTest {
  private static final Path SAMPLE = Path.of("circuits", "sample.circ");

  private static CircuitsCliTest.Run run(String... args) {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cl = CircuitsCli.commandLine();
      CommandLine circ = cl.getSubcommands().get("circ");
      if (!circ.getSubcommands().containsKey("get")) {
        circ.addSubcommand("get", new CommandLine(new CircGetCommand()));
      }
      if (!circ.getSubcommands().containsKey("simp")) {
        circ.addSubcommand("simp", new CommandLine(new CircSimpCommand()));
      }
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new CircuitsCliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(oldOut);
    }
  }

  @Test
  void getByNameAndRegexWithDepth() {
    CircuitsCliTest.Run byName = run("circ", "get", SAMPLE.toString(), "--name", "scores",
        "--children-depth", "1");
    assertEquals(0, byName.code(), byName.err());
    assertTrue(byName.out().startsWith("scores [4,4] Einsum qc,kc,->qk\n  q [4,3] Einsum"),
        byName.out());
    CircuitsCliTest.Run byRegex = run("circ", "get", SAMPLE.toString(), "--regex", "^w_",
        "--depth", "2:");
    assertEquals(0, byRegex.code(), byRegex.err());
    assertEquals(3, byRegex.out().lines().filter(l -> l.startsWith("w_")).count(),
        byRegex.out());
    CircuitsCliTest.Run shallow = run("circ", "get", SAMPLE.toString(), "--regex", "^w_",
        "--depth", ":2");
    assertEquals(1, shallow.code());
    assertTrue(shallow.err().contains("no node"), shallow.err());
    CircuitsCliTest.Run bad = run("circ", "get", SAMPLE.toString(), "--name", "x", "--depth",
        "x:y");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("--depth 'x:y'"), bad.err());
  }

  @Test
  void simpPrintsTheSimplifiedCircuit(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.circ");
    Files.writeString(f, """
        'top' Add
          'e' Einsum ab,->ab
            'r' Rearrange a b -> a b
              'x' [2,3] Scalar 1.5
            'one' [] Scalar 1
          'z' [2,3] Scalar 0
        """);
    CircuitsCliTest.Run r = run("circ", "simp", f.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("'x' [2,3] Scalar 1.5\n", r.out());
    CircuitsCliTest.Run none = run("circ", "simp", f.toString(), "--exclude",
        "remove_add_few_input,add_elim_zeros,einsum_remove_one,rearrange_elim_identity,"
            + "einsum_elim_removable_axes_weak,add_elim_removable_axes_weak");
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().startsWith("'top' Add"), none.out());
    CircuitsCliTest.Run bad = run("circ", "simp", f.toString(), "--include", "nope");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("unknown simplification rule(s) [nope]"), bad.err());
  }
}
