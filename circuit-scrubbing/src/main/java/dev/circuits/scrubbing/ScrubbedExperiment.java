package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.sample.Sampler;
import dev.circuits.core.text.PrintOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link Experiment#scrub}: the scrubbed circuit (inputs are DiscreteVars of one
 * group), the reference dataset and what was sampled for each interpretation node.
 */
public final class ScrubbedExperiment {
  private final Circuit circuit;
  private final Dataset refDataset;
  private final SampledInputs sampledInputs;
  private final Circuit group;
  private final Correspondence corr;

  ScrubbedExperiment(Circuit circuit, Dataset refDataset, SampledInputs sampledInputs,
      Circuit group, Correspondence corr) {
    this.circuit = circuit;
    this.refDataset = refDataset;
    this.sampledInputs = sampledInputs;
    this.group = group;
    this.corr = corr;
  }

  /** The scrubbed circuit, inputs still DiscreteVars. */
  public Circuit circuit() {
    return circuit;
  }

  /** The reference dataset. */
  public Dataset refDataset() {
    return refDataset;
  }

  /** The datasets sampled for each interpretation node. */
  public SampledInputs sampledInputs() {
    return sampledInputs;
  }

  /** The DiscreteVar group tying the inputs' rows together ({@code [n]}). */
  public Circuit group() {
    return group;
  }

  /** The correspondence scrubbed by. */
  public Correspondence correspondence() {
    return corr;
  }

  /** The scrubbed circuit with every var replaced by all its rows: shape {@code [n, ...]}. */
  public Circuit sampledCircuit() {
    return Sampler.runAll(group).sample(circuit);
  }

  /** The scrubbed output for every reference row, {@code [n, ...output shape]}. */
  public INDArray evaluate(Evaluator evaluator) {
    return evaluator.evaluate(sampledCircuit());
  }

  /** {@link #evaluate(Evaluator)} with a fresh float32 evaluator. */
  public INDArray evaluate() {
    return evaluate(Evaluator.create());
  }

  /**
   * {@link #print(PrintOptions, boolean, boolean)} with data comments, as plain text (safe for
   * files and logs).
   */
  public String print() {
    return print(PrintOptions.defaults(), true, false);
  }

  /** {@link #print()} with ANSI colours by dataset: for an interactive terminal only. */
  public String printColored() {
    return print(PrintOptions.defaults(), true, true);
  }

  /**
   * The scrubbed circuit as (non-bijective) text, cut below mapped leaves and below nodes on no
   * mapped path; with {@code printData} mapped nodes are commented with their samplers and first
   * datum and inputs with the dataset feeding them; with {@code colorByData} mapped nodes and
   * their inputs are coloured by dataset, nodes on no mapped path dark grey, the rest light grey.
   * The library never prints: write the returned string yourself.
   */
  public String print(PrintOptions options, boolean printData, boolean colorByData) {
    return new ScrubPrinter(this).print(options, printData, colorByData);
  }
}
