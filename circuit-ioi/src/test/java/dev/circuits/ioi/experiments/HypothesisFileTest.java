package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiRng;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.experiments.HypothesisFile.Sampler;
import dev.circuits.ioi.experiments.HypothesisFileException.Reason;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.LabelMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing hypothesis files, and running one on the planted model. */
class HypothesisFileTest {
  private static final String NAME_MOVERS = """
      {"root": {"name": "logits", "cond": "exact", "other": "uncond",
        "children": [{"name": "NM", "heads": ["3.0", "a3.h1"], "position": "END",
          "cond": "exact", "other": "exact"}]}}""";

  private static HypothesisFileException bad(String json, Reason reason, String path) {
    HypothesisFileException e = assertThrows(HypothesisFileException.class,
        () -> HypothesisFile.parse(json));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(path, e.path(), e.getMessage());
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    return e;
  }

  @Test
  void parsesNodesSamplersAndDefaults() {
    HypothesisFile.Node root = HypothesisFile.parse(NAME_MOVERS).root();
    assertEquals("logits", root.name());
    assertEquals(Sampler.UNCOND, root.other());
    HypothesisFile.Node nm = root.children().get(0);
    assertEquals("$.root.children[0]", nm.path());
    assertEquals(List.of(new Head(3, 0), new Head(3, 1)),
        nm.heads());
    assertEquals(Sampler.EXACT, nm.other());

    HypothesisFile.Node minimal = HypothesisFile.parse("""
        {"description": "d", "root": {"name": "r", "children": [{"name": "a", "heads": ["2.0"],
          "cond": {"onTheFly": "same-io"}, "children": [{"name": "b", "heads": ["1.0"],
          "position": "S2", "cond": "uncond"}]}]}}""").root();
    assertEquals(Sampler.EXACT, minimal.cond());
    HypothesisFile.Node a = minimal.children().get(0);
    assertEquals("END", a.position());
    assertEquals(Sampler.SAME_IO, a.cond());
    assertEquals("S2", a.children().get(0).position());
    assertEquals(Sampler.UNCOND, a.children().get(0).cond());
  }

  @Test
  void badFilesNameTheJsonPath() {
    bad("{\"root\": ", Reason.NOT_JSON, "$");
    bad("[]", Reason.BAD_VALUE, "$");
    bad("{}", Reason.MISSING_KEY, "$.root");
    bad("{\"root\": {\"name\": \"r\"}, \"extra\": 1}", Reason.UNKNOWN_KEY, "$.extra");
    bad("{\"root\": {\"cond\": \"exact\"}}", Reason.MISSING_KEY, "$.root.name");
    bad("{\"root\": {\"name\": \"r\", \"heads\": [\"3.0\"]}}", Reason.UNKNOWN_KEY,
        "$.root.heads");
    bad("{\"root\": {\"name\": \"r\", \"cond\": \"exakt\"}}", Reason.BAD_VALUE, "$.root.cond");
    bad("{\"root\": {\"name\": \"r\", \"other\": 3}}", Reason.BAD_VALUE, "$.root.other");
    bad("{\"root\": {\"name\": \"r\", \"cond\": {\"onTheFly\": \"nope\"}}}", Reason.BAD_VALUE,
        "$.root.cond.onTheFly");
    bad("{\"root\": {\"name\": \"r\", \"cond\": {\"onTheFly\": \"same-io\", \"x\": 1}}}",
        Reason.UNKNOWN_KEY, "$.root.cond.x");
    bad("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"c\"}]}}", Reason.MISSING_KEY,
        "$.root.children[0].heads");
    bad("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"c\", \"heads\": []}]}}",
        Reason.BAD_VALUE, "$.root.children[0].heads");
    bad("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"c\", \"heads\": [\"3.0\", \"x\"]}]}}",
        Reason.BAD_VALUE, "$.root.children[0].heads[1]");
    bad("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"r\", \"heads\": [\"3.0\"]}]}}",
        Reason.DUPLICATE_NAME, "$.root.children[0].name");
    bad("{\"root\": {\"name\": \"r\", \"children\": {\"name\": \"c\"}}}", Reason.BAD_VALUE,
        "$.root.children");
  }

  @Test
  void modelAndPromptChecksNameTheJsonPath() {
    LogitDiffScrub scrub = LogitDiffScrub.of(PlantedIoiModel.load(), dataset(4));
    HypothesisFileException head = assertThrows(HypothesisFileException.class,
        () -> HypothesisFile.parse("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"c\","
            + " \"heads\": [\"3.0\", \"9.0\"]}]}}").correspondence(scrub));
    assertEquals("$.root.children[0].heads[1]", head.path());
    HypothesisFileException pos = assertThrows(HypothesisFileException.class,
        () -> HypothesisFile.parse("{\"root\": {\"name\": \"r\", \"children\": [{\"name\": \"c\","
            + " \"heads\": [\"3.0\"], \"position\": \"XYZ\"}]}}").correspondence(scrub));
    assertEquals("$.root.children[0].position", pos.path());
  }

  @Test
  void reproducesDirectPathScrub() {
    Gpt2Weights w = PlantedIoiModel.load();
    IoiDataset ds = dataset(16);
    LogitDiffScrub scrub = LogitDiffScrub.of(w, ds);
    Correspondence corr = HypothesisFile.parse(NAME_MOVERS).correspondence(scrub);
    assertEquals(List.of("logits", "NM"), corr.nodes().stream().map(n -> n.name()).toList());
    LogitDiffScrub.Result fromFile = scrub.run(corr, LabelMode.REFERENCE, 1, Evaluator.create());
    LogitDiffScrub.Result direct = DirectPathScrub.run(w, ds, List.of(
        new Head(3, 0), new Head(3, 1)), LabelMode.REFERENCE, 1,
        Evaluator.create());
    assertEquals(direct.scrubbed(), fromFile.scrubbed(), 1e-6);
    assertTrue(fromFile.recovered() >= 0.9, "recovered " + fromFile.recovered());
  }

  private static IoiDataset dataset(int n) {
    return IoiDataset.builder().n(n).seed(42).nbTemplates(1).rng(IoiRng.remix())
        .promptType(PromptType.BABA).build();
  }
}
