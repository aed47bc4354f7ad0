package dev.circuits.scrubbing.patching;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Extender;
import dev.circuits.core.match.Getter;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.match.Updater;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * REMIX's path patching (spec remix-ioi.md §4.5-4.7, §5): every root-to-input path of a circuit
 * is an instance; an input instance reached through a node the matcher finds gets the patch data,
 * every other instance the baseline data, and everything is recomputed from those mixed inputs.
 * Results are unevaluated circuits whose inputs are DiscreteVars of one group; sample them with
 * {@code Sampler.runAll(group)}. Example:
 * {@code PathPatching.pathPatching(ld, baselineToks, patchToks, matcher, group)}.
 */
public final class PathPatching {
  /** The input REMIX patches: the token placeholder. */
  public static final String DEFAULT_INPUT = "tokens";
  /** Suffix of the baseline data Array's name ({@code tokens_baseline}). */
  public static final String BASELINE_SUFFIX = "_baseline";
  /** Suffix of the patch data Array's name ({@code tokens_patched}). */
  public static final String PATCHED_SUFFIX = "_patched";

  private PathPatching() {}

  /**
   * {@code circuit} with every instance of the node named {@code inputName} that
   * {@code matcher.chain(inputName)} reaches replaced by
   * {@code DiscreteVar(Array(inputs, inputName + arraySuffix), group, inputName)}; instances on
   * other paths are untouched. {@code inputs} is [N, ...the input's shape].
   */
  public static Circuit replaceInputs(Circuit circuit, INDArray inputs, String inputName,
      IterativeMatcher matcher, Circuit group, String arraySuffix) {
    DiscreteVar var = inputVar(circuit, inputs, inputName, arraySuffix, group);
    return new Updater(x -> var).update(circuit, matcher.chain(Matcher.named(inputName)));
  }

  /** {@link #replaceInputs(Circuit, INDArray, String, IterativeMatcher, Circuit, String)} with suffix {@code _array}. */
  public static Circuit replaceInputs(Circuit circuit, INDArray inputs, String inputName,
      IterativeMatcher matcher, Circuit group) {
    return replaceInputs(circuit, inputs, inputName, matcher, group, "_array");
  }

  /**
   * Path patching of {@code tokens}: all inputs get {@code baselineData} (Array
   * {@code tokens_baseline}), then the inputs under paths {@code matcher} finds get
   * {@code patchData} ({@code tokens_patched}). If the matcher finds nothing the all-baseline
   * circuit is returned.
   */
  public static Circuit pathPatching(Circuit circuit, INDArray baselineData, INDArray patchData,
      IterativeMatcher matcher, Circuit group) {
    return pathPatching(circuit, baselineData, patchData, matcher, group, DEFAULT_INPUT);
  }

  /** As {@link #pathPatching(Circuit, INDArray, INDArray, IterativeMatcher, Circuit)} for input {@code inputName}. */
  public static Circuit pathPatching(Circuit circuit, INDArray baselineData, INDArray patchData,
      IterativeMatcher matcher, Circuit group, String inputName) {
    Circuit baseline = replaceInputs(circuit, baselineData, inputName,
        IterativeMatcher.corrRootMatcher(), group, BASELINE_SUFFIX);
    if (!new Getter().anyFound(baseline, matcher)) {
      return baseline;
    }
    return replaceInputs(baseline, patchData, inputName, matcher, group, PATCHED_SUFFIX);
  }

  /**
   * REMIX's {@code iterative_path_patching}: for each extender, path patching with the union of
   * the extender applied to the hypothesis' matchers of {@code nodesToConnect}; returns the
   * sampled, evaluated results as {@code [extenders, N, ...output]}. See
   * {@link IterativePathPatching} for how the sweep shares work.
   */
  public static INDArray iterativePathPatching(Circuit circuit,
      Function<String, IterativeMatcher> hypothesis, List<String> nodesToConnect,
      INDArray baselineData, INDArray patchData, Circuit group, List<? extends Extender> extenders,
      String inputName, Evaluator evaluator) {
    return IterativePathPatching.run(circuit, hypothesis, nodesToConnect, baselineData, patchData,
        group, extenders, inputName, evaluator).values();
  }

  /** The DiscreteVar holding {@code inputs}, checked against the input node in {@code circuit}. */
  static DiscreteVar inputVar(Circuit circuit, INDArray inputs, String inputName,
      String arraySuffix, Circuit group) {
    Circuit input = Matcher.named(inputName).getFirst(circuit).orElseThrow(() ->
        new PatchingException("no input named '" + inputName + "' in " + circuit.describe()));
    long[] want = input.shape().toArray();
    long[] got = inputs.shape();
    if (got.length != want.length + 1
        || !Arrays.equals(Arrays.copyOfRange(got, 1, got.length), want)) {
      throw new PatchingException("data for input '" + inputName + "' has shape "
          + Arrays.toString(got) + "; expected [N] + " + Arrays.toString(want));
    }
    if (group.rank() != 1 || group.shape().get(0) != got[0]) {
      throw new PatchingException("data for input '" + inputName + "' has " + got[0]
          + " rows but the group " + group.describe() + " has shape " + group.shape());
    }
    INDArray values = input instanceof Array a && a.value().dataType() != inputs.dataType()
        ? inputs.castTo(a.value().dataType()).dup('c') : inputs.dup('c');
    return DiscreteVar.of(Array.wrap(values, inputName + arraySuffix), group, inputName);
  }
}
