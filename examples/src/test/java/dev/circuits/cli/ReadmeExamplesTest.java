package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Shape;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Expander;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import dev.circuits.ioi.claims.ClaimContext;
import dev.circuits.ioi.claims.ClaimProgress;
import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.Claims;
import dev.circuits.ioi.claims.ClaimsRun;
import dev.circuits.ioi.claims.ExpectedHeads;
import dev.circuits.ioi.claims.RunInfo;
import dev.circuits.ioi.claims.Verdict;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The README's code snippets, kept compiling and true. */
class ReadmeExamplesTest {
  @Test
  void circuitsInJava(@TempDir Path dir) {
    Circuit x = Array.randn(Shape.of(4, 8), 0, "x");
    Circuit w = Array.randn(Shape.of(3, 8), 1, "w");
    Circuit y = Einsum.fromString("td,cd->tc", List.of(x, w), "y");
    Circuit probs = GeneralFunction.of(SimpleFunction.SOFTMAX, y, "probs");
    INDArray value = Evaluator.create().evaluate(probs);
    assertEquals(4, value.size(0));

    TensorStore store = TensorStore.at(dir);
    String text = Printer.repr(PrintOptions.defaults().withTensorSink(store::save), probs);
    Circuit back = new Parser(ParserOptions.defaults().withTensorLookup(store::load))
        .parseCircuit(text);
    assertEquals(probs, back);
  }

  @Test
  void gpt2AndMatchers(@TempDir Path dir) {
    RandomGpt2.write(new Gpt2Config(2, 4, 16, 50, 8, 1e-5, "gelu_new"), 0, dir);
    Gpt2Weights w = Gpt2Checkpoint.load(dir);
    Gpt2Circuit m = Gpt2Circuit.build(w, Gpt2BuildOptions.split(8).withPositionSplit());
    INDArray tokenIds = Nd4j.createFromArray(new long[][] {{1, 2, 3, 4, 5, 6, 7, 8},
        {8, 7, 6, 5, 4, 3, 2, 1}});
    Circuit logits = m.withTokens(m.logits(), tokenIds);
    Evaluator evaluator = Evaluator.create();
    INDArray out = evaluator.evaluate(logits);
    assertEquals(3, out.rank());

    Set<Circuit> heads = Matcher.regex("^a1\\.h\\d$").get(m.logits());
    assertEquals(4, heads.size());
    Circuit head = Matcher.named("a1.h2").getUnique(m.logits());
    Circuit q = IterativeMatcher.restrict(Matcher.named("a.q"), false, null, 8, null)
        .getUnique(head);
    assertEquals(Shape.of(8, 4), q.shape());

    Array patchTokens = Array.wrap(Nd4j.createFromArray(new long[] {3, 3, 3, 3, 3, 3, 3, 3}),
        "tokens");
    Circuit patched = Matcher.named("a1.h2").chain(Matcher.named("tokens"))
        .update(m.logits(), tokens -> patchTokens);
    assertNotEquals(m.logits(), patched);
    assertTrue(Matcher.named("a1.h1").getUnique(patched)
        .equals(Matcher.named("a1.h1").getUnique(m.logits())), "other heads are untouched");

    Array batchOfTokens = Array.wrap(tokenIds.dup(), "tokens");
    Circuit batched = Expander.of(Matcher.named("tokens"), t -> batchOfTokens)
        .expand(m.logits());
    assertEquals(Shape.of(2, 8, 50), batched.shape());
  }

  @Test
  void claimsFromJava(@TempDir Path dir) {
    ClaimContext ctx = new ClaimContext(PlantedIoiModel.load(), "planted-ioi",
        ExpectedHeads.planted(PlantedIoiModel.roles()), 8, Evaluator.create(), ClaimProgress.NONE);
    List<ClaimResult> results = ClaimsRun.run(ctx, Claims.select("1,6"));  // README: "all"
    assertEquals(Verdict.SUPPORTED, results.get(0).verdict());
    ReportWriter.write(dir, new RunInfo("...", "planted-ioi", 8, ctx.expected().source(), "now",
        0), results);
    assertTrue(Files.exists(dir.resolve("index.html")));
  }
}
