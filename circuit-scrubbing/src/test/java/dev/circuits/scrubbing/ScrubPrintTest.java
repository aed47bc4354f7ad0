package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static dev.circuits.scrubbing.Toy.at;
import static dev.circuits.scrubbing.Toy.chain;
import static dev.circuits.scrubbing.Toy.col;
import static dev.circuits.scrubbing.Toy.times;
import static dev.circuits.scrubbing.Toy.xs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.text.PrintOptions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** rust_circuit's test_experiment.py::test_print, with the sampled data read back. */
class ScrubPrintTest {
  @Test
  void printShowsWhichDatasetFeedsWhichNode() {
    Circuit first = at(xs(0, 1), 0, null);
    Circuit c = Add.of(List.of(times(first, 2, "A"), times(first, 3, "B")), "C");
    SplittableRandom r = new SplittableRandom(11);
    double[] xsData = new double[200];
    double[] labels = new double[100];
    for (int i = 0; i < 100; i++) {
      xsData[2 * i] = r.nextInt(10);
      xsData[2 * i + 1] = r.nextInt(10);
      labels[i] = 100 + i;
    }
    Dataset ds = IntData.of(Nd4j.create(xsData, new long[] {100, 2}, DataType.DOUBLE), labels);
    InterpNode ct = new InterpNode("Ct", col(0));
    InterpNode a = ct.makeDescendant("A", col(0));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(a, chain(ROOT, "A"));

    ScrubbedExperiment s = new Experiment(c, ds, corr, 11).scrub(1);
    SampledInputs in = s.sampledInputs();
    Dataset cData = in.condDataset(ct).orElseThrow();
    Dataset aData = in.get(a);
    String x0 = s.refDataset().formatValue("xs", 0).replaceAll("^\\[(\\d+),.*", "$1");
    String expected = "C Add # cond_sampler=FuncSampler(d=" + cData + ", f(d)=" + x0 + "), "
        + "other_inputs_sampler=UncondSampler(d=" + in.get(ct) + ")\n"
        + "  A Einsum ,-> ... # cond_sampler=FuncSampler(d=" + aData + ", f(d)=" + x0 + ")\n"
        + "  B Einsum ,-> ...";
    assertEquals(expected, s.print(PrintOptions.defaults(), true, false));
    assertTrue(cData.toString().startsWith("IntDatum(xs=[" + x0 + ", "), cData.toString());
    assertTrue(aData.toString().startsWith("IntDatum(xs=[" + x0 + ", "), aData.toString());

    assertEquals(expected, s.print(), "plain by default: no escape codes in files");
    String colored = s.printColored();
    assertTrue(colored.startsWith("\u001b[" + DatasetColors.of(in.get(ct)) + "mC Add\u001b[0m"),
        colored);
    assertTrue(colored.contains("\u001b[" + DatasetColors.NONE + "mB Einsum ,->\u001b[0m ..."),
        colored);
  }
}
