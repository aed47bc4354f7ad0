package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code circuits ioi scrub} on the planted model. */
class IoiScrubCommandTest {
  private static final Logger LOG = LoggerFactory.getLogger(IoiScrubCommandTest.class);
  private static final Pattern LINE = Pattern.compile(
      "N=16 labels reference clean ([-0-9.]+) scrubbed ([-0-9.]+) recovered ([-0-9.]+)");

  private static double recovered(String hypothesis) {
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "scrub", "--model", "planted-ioi",
        "--hypothesis", hypothesis, "--n", "16", "--labels", "reference");
    assertEquals(0, r.code(), r.err());
    LOG.info("{}", r.out().strip());
    Matcher m = LINE.matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Double.parseDouble(m.group(1)) > 2, r.out());
    return Double.parseDouble(m.group(3));
  }

  @Test
  void nameMoversRecoverTheLogitDifferenceAndTheSInhibitionHeadDoesNot(@TempDir Path dir)
      throws Exception {
    double nm = recovered("hypotheses/planted-name-movers.json");
    assertTrue(nm >= 0.9, "name movers " + nm);
    Path only20 = dir.resolve("only-2.0.json");
    Files.writeString(only20, """
        {"root": {"name": "logits", "cond": "exact", "other": "uncond",
          "children": [{"name": "SI", "heads": ["2.0"], "position": "END", "cond": "exact"}]}}""");
    double si = recovered(only20.toString());
    assertTrue(si < 0.5, "2.0 only " + si);
  }

  @Test
  void badHypothesisIsReportedWithItsJsonPath(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"root\": {\"name\": \"logits\", \"cond\": \"sometimes\"}}");
    CircuitsCliTest.Run r = CircuitsCliTest.run("ioi", "scrub", "--model", "planted-ioi",
        "--hypothesis", bad.toString(), "--n", "4");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("$.root.cond: 'sometimes' is not a sampler"), r.err());
  }
}
