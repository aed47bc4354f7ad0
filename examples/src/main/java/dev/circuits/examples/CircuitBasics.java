package dev.circuits.examples;

import java.util.List;
import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import dev.circuits.core.text.TensorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * README "Circuits in Java" and "The .circ text format": build a one-layer attention-like circuit,
 * print it in rust_circuit's format, parse it back (equal hash), and evaluate it.
 */
public final class CircuitBasics {
  private CircuitBasics() {}

  /** Runs the example; no arguments. */
  public static void main(String[] args) throws Exception {
    // Leaves: constant tensors. Names are part of the hash, as in rust_circuit.
    Circuit x = Array.randn(Shape.of(4, 8), 0, "x");           // 4 tokens, width 8
    Circuit w = Array.randn(Shape.of(8, 8), 1, "w");
    // Nodes: each factory validates its inputs; nothing is computed yet.
    Circuit scores = Einsum.fromString("td,de,se->ts", List.of(x, w, x), "scores");
    Circuit scaled = Einsum.scalarMul(scores, Scalar.of(1 / Math.sqrt(8)), "scaled");
    Circuit probs = GeneralFunction.of(SimpleFunction.SOFTMAX, scaled, "probs");
    Circuit mixed = Einsum.fromString("ts,sd->td", List.of(probs, x), "mixed");
    Circuit out = Add.of(List.of(x, mixed), "out");                  // a residual connection

    System.out.println("The circuit in rust_circuit's .circ format:");
    System.out.println(Printer.repr(PrintOptions.defaults(), out));
    System.out.println("shape " + out.shape() + ", hash " + out.hashHex().substring(0, 16) + "...");

    // Printing with a tensor sink stores each Array by hash; parsing resolves them again.
    Path folder = Files.createTempDirectory("circuit-basics");
    TensorStore store = TensorStore.at(folder);
    String text = Printer.repr(PrintOptions.defaults().withTensorSink(store::save), out);
    Circuit back = new Parser(ParserOptions.defaults().withTensorLookup(store::load))
        .parseCircuit(text);
    System.out.println("parsed back from text: equal = " + back.equals(out));

    // Evaluation is explicit, memoised by hash, float32 by default.
    INDArray value = Evaluator.create().evaluate(out);
    System.out.println("value of 'out' (" + value.dataType() + "):");
    System.out.println(value);
    INDArray rowSums = Evaluator.create().evaluate(probs).sum(1);
    System.out.println("each row of 'probs' sums to 1: " + rowSums);
  }
}
