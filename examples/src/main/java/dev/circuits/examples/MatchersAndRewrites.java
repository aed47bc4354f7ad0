package dev.circuits.examples;

import java.util.List;
import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.rewrite.Distribute;
import dev.circuits.core.rewrite.SimpRules;
import dev.circuits.core.text.Printer;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * README "Matchers, updates and expansion" and "Rewrites": find heads in a GPT-2 circuit by name,
 * patch one head's input without touching the others, then rewrite a small circuit and check that
 * its value did not change.
 */
public final class MatchersAndRewrites {
  private MatchersAndRewrites() {}

  /** Runs the example; no arguments. */
  public static void main(String[] args) {
    // The planted IOI model (4 layers x 4 heads) as a circuit with REMIX's node names.
    Circuit model = Gpt2Circuit.build(PlantedIoiModel.load(), Gpt2BuildOptions.split(8)).logits();

    // get: every node whose name matches a regex ("\\." is the wildcard, "." a literal dot).
    Set<String> names = new TreeSet<>();
    Matcher.regex("^a3\\.h\\d$").get(model).forEach(c -> names.add(c.name()));
    System.out.println("layer 3's heads: " + names);

    // A matcher chain: the query inside head a3.h0, at most 8 levels below it.
    Circuit head = Matcher.named("a3.h0").getUnique(model);
    Circuit q = IterativeMatcher.restrict(Matcher.named("a.q"), false, null, 8, null)
        .getUnique(head);
    System.out.println("a3.h0's query 'a.q' has shape " + q.shape());

    // update is path-sensitive: only the tokens a3.h0 reads are replaced.
    Array otherTokens = Array.wrap(Nd4j.ones(DataType.LONG, 8), "tokens");   // token id 1
    Circuit patched = Matcher.named("a3.h0").chain(Matcher.named("tokens"))
        .update(model, tokens -> otherTokens);
    System.out.println("after patching a3.h0's input: a3.h0 changed = "
        + !Matcher.named("a3.h0").getUnique(patched).equals(head) + ", a3.h1 changed = "
        + !Matcher.named("a3.h1").getUnique(patched)
            .equals(Matcher.named("a3.h1").getUnique(model)));

    // Rewrites return a new circuit with the same value (or throw saying why they do not apply).
    Circuit a = Array.randn(Shape.of(3, 3), 0, DataType.DOUBLE, "a");
    Circuit b = Array.randn(Shape.of(3, 3), 1, DataType.DOUBLE, "b");
    Circuit c = Array.randn(Shape.of(3, 3), 2, DataType.DOUBLE, "c");
    Einsum product = Einsum.fromString("ij,jk->ik", List.of(a, Add.of(List.of(b, c), "b+c")), "a(b+c)");
    Circuit distributed = Distribute.distribute(product, 1);
    System.out.println("a(b+c) distributed:");
    System.out.println(Printer.repr(distributed));
    Circuit withZero = Add.of(List.of(distributed, Scalar.of(0, Shape.of(3, 3), "zero")), "plus_zero");
    Circuit simplified = SimpRules.defaults().include("add_flatten").simp(withZero);
    System.out.println("(ab + ac) + 0, simplified by the default rules plus add_flatten:");
    System.out.println(Printer.repr(simplified));

    Evaluator exact = Evaluator.builder().float64().build();
    double change = exact.evaluate(distributed).sub(exact.evaluate(product))
        .norm1Number().doubleValue();
    System.out.println("|a(b+c) - (ab + ac)| = " + change + " (float64)");
  }
}
