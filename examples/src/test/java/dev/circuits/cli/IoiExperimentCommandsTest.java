package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import dev.circuits.ioi.IoiDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code circuits ioi logit-diff | path-patch | attention} on the planted model. */
class IoiExperimentCommandsTest {
  @Test
  void logitDiffReportsMeanStdAndAccuracy() {
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "logit-diff", "--model", "planted-ioi",
        "--n", "8");
    assertEquals(0, r.code(), r.err());
    Matcher m = Pattern.compile("N=8 mean ([-0-9.]+) std ([0-9.]+) accuracy ([0-9.]+)")
        .matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Double.parseDouble(m.group(1)) > 2, r.out());
    assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), r.out());
    assertEquals(1.0, Double.parseDouble(m.group(3)), r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void pathPatchJsonPutsTheNameMoversOnTop(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("nm.png");
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "path-patch", "--model", "planted-ioi",
        "--receiver", "logits", "--patch", "flipped-io", "--n", "8", "--json", "--png",
        png.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
    assertEquals(List.of("0", "1", "2", "3"), json.get("rows"));
    assertEquals(List.of("h0", "h1", "h2", "h3", "mlp"), json.get("cols"));
    List<List<Number>> values = (List<List<Number>>) json.get("values");
    assertEquals(4, values.size());
    double ref = ((Number) json.get("reference")).doubleValue();
    assertTrue(ref > 2, "reference " + ref);
    double weakerMover = Math.min(Math.abs(values.get(3).get(0).doubleValue()),
        Math.abs(values.get(3).get(1).doubleValue()));
    for (int l = 0; l < 4; l++) {
      assertEquals(5, values.get(l).size());
      for (int c = 0; c < 5; c++) {
        if (l != 3 || c > 1) {
          assertTrue(Math.abs(values.get(l).get(c).doubleValue()) < 0.01 * weakerMover,
              "cell " + l + "," + c + " = " + values.get(l).get(c));
        }
      }
    }
    assertTrue(Files.size(png) > 0);
  }

  @Test
  void pathPatchIntoHeadsThroughQueriesPrintsAMatrix() {
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "path-patch", "--model", "planted-ioi",
        "--receiver", "a3.h0,3.1", "--channel", "q", "--patch", "flipped-s", "--n", "8");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("layer        h0        h1        h2        h3       mlp"),
        r.out());
    assertTrue(r.out().contains("largest |change|: 2.0,"), r.out());
  }

  @Test
  void pathPatchRejectsAnUnknownPatch() {
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "path-patch", "--model", "planted-ioi",
        "--patch", "nonsense", "--n", "4");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("unknown patch dataset 'nonsense'"), r.err());
  }

  @Test
  void attentionPrintsLabelledPatternsAndWritesPngs(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("att.png");
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "attention", "--model", "planted-ioi",
        "--heads", "3.0,2.0", "--n", "8", "--png", png.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("# a3.h0: mean attention over 8 prompts"), r.out());
    assertTrue(r.out().contains("# a2.h0:"), r.out());
    assertTrue(Files.size(dir.resolve("att_a3.h0.png")) > 0);
    assertTrue(Files.size(dir.resolve("att_a2.h0.png")) > 0);
    // the name mover at END attends to IO (same position in every prompt)
    IoiDataOptions opts = new IoiDataOptions();
    opts.n = 8;
    opts.seed = 42;
    opts.type = "BABA";
    IoiDataset ds = opts.base();
    int end = ds.alignedPosition("END");
    List<String> block = r.out().lines().dropWhile(l -> !l.startsWith("# a3.h0"))
        .skip(1).takeWhile(l -> !l.startsWith("#")).toList();
    assertEquals(ds.maxLength(), block.size(), r.out());
    String[] cells = block.get(end).trim().split(" +");
    assertEquals(String.valueOf(end), cells[0]);
    double max = 0;
    int argmax = -1;
    for (int k = 2; k < cells.length; k++) {
      double v = Double.parseDouble(cells[k]);
      if (v > max) {
        max = v;
        argmax = k - 2;
      }
    }
    assertEquals(ds.alignedPosition("IO"), argmax, block.get(end));
    assertTrue(max > 0.5, block.get(end));
  }
}
