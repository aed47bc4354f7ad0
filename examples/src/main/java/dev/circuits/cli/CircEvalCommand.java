package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits circ eval FILE}: parse, print and evaluate each root. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Parse FILE, print it, and evaluate each root (values summarised when large).")
final class CircEvalCommand implements Callable<Integer> {
  private static final int FULL_PRINT_LIMIT = 64;

  @Mixin
  CircuitFileOptions file;

  @Option(names = "--float64", description = "Evaluate in float64 (default float32).")
  boolean float64;

  @Override
  public Integer call() {
    List<Circuit> roots = file.parse();
    System.out.println(Printer.repr(PrintOptions.defaults(), roots));
    Evaluator evaluator = float64 ? Evaluator.builder().float64().build() : Evaluator.create();
    for (Circuit root : roots) {
      INDArray value = evaluator.evaluate(root);
      System.out.println();
      System.out.println((root.isNamed() ? "'" + root.name() + "'" : "<unnamed>") + " "
          + root.shape() + " " + value.dataType() + ":");
      System.out.println(summarise(value));
    }
    return 0;
  }

  /** The full tensor when small, else statistics and the first values. */
  static String summarise(INDArray value) {
    if (value.length() <= FULL_PRINT_LIMIT) {
      return value.toString();
    }
    INDArray d = value.castTo(DataType.DOUBLE);
    INDArray flat = d.reshape(d.length());
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("  numel=%d min=%.6g max=%.6g mean=%.6g std=%.6g%n", value.length(),
        d.minNumber().doubleValue(), d.maxNumber().doubleValue(), d.meanNumber().doubleValue(),
        d.stdNumber().doubleValue()));
    sb.append("  first values: [");
    for (int i = 0; i < 8; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format("%.6g", flat.getDouble(i)));
    }
    return sb.append(", ...]").toString();
  }
}
