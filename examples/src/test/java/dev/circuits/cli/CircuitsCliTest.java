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

/** The command line's circ subcommands on real files. */
class CircuitsCliTest {
  private static final Path SAMPLE = Path.of("circuits", "sample.circ");

  /** Runs the CLI, returning exit code, stdout and stderr. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cl = CircuitsCli.commandLine();
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(oldOut);
    }
  }

  @Test
  void evalPrintsCircuitAndValues() {
    Run r = run("circ", "eval", SAMPLE.toString(), "--seed", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("'head' Einsum qk,kc->qc"), r.out());
    assertTrue(r.out().contains("'head' [4,3] FLOAT:"), r.out());
    assertEquals(r.out(), run("circ", "eval", SAMPLE.toString(), "--seed", "3").out(),
        "seeded random tensors are reproducible");
  }

  @Test
  void printIsCanonicalAndHashIsStable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.circ");
    Files.writeString(f, "0 Add # comment\n  1 [2] Scalar 1.0\n  1\n");
    Run printed = run("circ", "print", f.toString());
    assertEquals("0 Add\n  1 [2] Scalar 1\n  1 Scalar\n", printed.out());
    Run hash = run("circ", "hash", f.toString());
    assertEquals(0, hash.code());
    assertTrue(hash.out().matches("[0-9a-f]{64}  <unnamed> Add \\[2\\]\\n"), hash.out());
  }

  @Test
  void errorsNameTheLineAndExitNonZero(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.circ");
    Files.writeString(f, "'a' Einsum ab,bc->ac\n  'b' [2,3] Scalar 1\n  'c' [4,3] Scalar 2\n");
    Run r = run("circ", "eval", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("line 1") && r.err().contains("'c'"), r.err());
    Run missing = run("circ", "print", dir.resolve("nope.circ").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void tokenizeAndDetokenize() {
    Run r = run("tokenize", "--text", "<|endoftext|>Then, Mary and John went to the store.");
    assertEquals("[50256, 6423, 11, 5335, 290, 1757, 1816, 284, 262, 3650, 13]\n", r.out());
    assertEquals("<|endoftext|>Then, Mary\n", run("detokenize", "--ids", "50256,6423,11,5335")
        .out());
  }

  @Test
  void randomModelForwardWritesLogits(@TempDir Path dir) {
    Path model = dir.resolve("m");
    assertEquals(0, run("model", "random-gpt2", "--size", "tiny", "--out", model.toString()).code());
    Path in = dir.resolve("in.safetensors");
    dev.circuits.core.io.Safetensors.write(in, java.util.Map.of("input_ids",
        org.nd4j.linalg.factory.Nd4j.createFromArray(new long[][] {{1, 2, 3}, {4, 5, 6}})));
    Path out = dir.resolve("out.safetensors");
    Run r = run("gpt2", "forward", "--model", model.toString(), "--input", in.toString(),
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    try (var f = dev.circuits.core.io.Safetensors.open(out)) {
      assertEquals(java.util.List.of(2L, 3L, 1000L),
          java.util.Arrays.stream(f.read("logits").shape()).boxed().toList());
    }
  }

  @Test
  void remixPart3DatasetsMatchRemixChecksums() throws Exception {
    Run r = run("ioi", "dataset", "--remix-part3", "--json");
    assertEquals(0, r.code(), r.err());
    java.util.List<?> all = (java.util.List<?>) dev.circuits.core.internal.Json.parse(r.out());
    java.util.List<String> expected = java.util.List.of("93b693fdf27c6e41", "2b07dd25c964caf5",
        "de2c1d32b47d8549", "d0118933152cffad", "f6cd8f09e27940f5");
    for (int i = 0; i < 5; i++) {
      Object tokens = ((java.util.Map<?, ?>) all.get(i)).get("tokens");
      // Python's json.dumps default separators: ", " between items
      String pythonJson = tokens.toString();
      String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest
          .getInstance("SHA-256").digest(pythonJson.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected.get(i), sha.substring(0, 16), "dataset " + i);
    }
  }
}
