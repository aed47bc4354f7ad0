package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Tag;
import dev.circuits.core.match.Matcher;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A causal-scrubbing experiment (rust_circuit's {@code Experiment}): a circuit whose inputs carry
 * the dataset's input names (without a batch axis), the dataset to draw reference and resampled
 * rows from, and a correspondence. {@link #scrub} samples the interpretation, treeifies, wraps the
 * inputs in DiscreteVars of one group and replaces them along each node's matched paths; all
 * randomness (rows, tag and group uuids) comes from one generator seeded with {@code seed}, so
 * equal seeds give equal scrubbed circuits. Example:
 * {@code new Experiment(model, ds, corr, 42).scrub(50).evaluate(Evaluator.create())}.
 */
public final class Experiment {
  /** rust_circuit's default seed. */
  public static final long DEFAULT_SEED = 42;
  private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

  private final Circuit baseCircuit;
  private final Dataset dataset;
  private final Correspondence corr;
  private final long seed;
  private final RandomGenerator rng;

  /** An experiment with the default seed and checks on. */
  public Experiment(Circuit circuit, Dataset dataset, Correspondence corr) {
    this(circuit, dataset, corr, DEFAULT_SEED);
  }

  /** An experiment with checks on. */
  public Experiment(Circuit circuit, Dataset dataset, Correspondence corr, long seed) {
    this(circuit, dataset, corr, seed, true);
  }

  /** An experiment; {@code check} runs the completeness and root checks now. */
  public Experiment(Circuit circuit, Dataset dataset, Correspondence corr, long seed,
      boolean check) {
    this.baseCircuit = circuit;
    this.dataset = dataset;
    this.corr = corr;
    this.seed = seed;
    this.rng = new SplittableRandom(seed);
    if (check) {
      corr.check(circuit, false);
    } else {
      LOG.warn("checks are off: the correspondence may have problems that won't be caught");
    }
  }

  /** The circuit as given. */
  public Circuit baseCircuit() {
    return baseCircuit;
  }

  /** The dataset references and samples are drawn from. */
  public Dataset dataset() {
    return dataset;
  }

  /** The correspondence. */
  public Correspondence correspondence() {
    return corr;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** {@code n} reference rows drawn uniformly with replacement from the dataset. */
  public Dataset makeRefDataset(int n) {
    return dataset.sample(n, rng);
  }

  /**
   * What a fresh experiment with {@code seed} samples first for reference rows {@code ref} (as
   * {@link #scrub(Dataset)} does), without a circuit: for engines that compute the scrubbed value
   * another way from the same samples.
   */
  public static SampledInputs sample(Dataset dataset, Correspondence corr, long seed,
      Dataset ref) {
    return corr.sample(dataset, new SplittableRandom(seed), ref);
  }

  /** Samples the interpretation for reference {@code ref}. */
  public SampledInputs sample(Dataset ref) {
    return corr.sample(dataset, rng, ref);
  }

  /** A fresh group of {@code n} uniform probabilities, tagged with a seeded uuid. */
  public Tag newGroup(int n) {
    return Tag.of(Scalar.of(1.0 / n, Shape.of(n), null), nextUuid(), null);
  }

  /** The circuit treeified as far as the correspondence needs, with the tree checks. */
  public Circuit treeified() {
    return treeified(true);
  }

  /** The circuit treeified as far as the correspondence needs (an algebraic rewrite). */
  public Circuit treeified(boolean check) {
    return new Treeifier(corr, dataset.inputNames(), this::nextUuid, check).treeify(baseCircuit);
  }

  /**
   * Replaces every node named like one of {@code ref}'s inputs by
   * {@code DiscreteVar(ref's array, group, "<name>_var")}; only the names and shapes of
   * {@code ref} matter, as the values are replaced afterwards.
   */
  public Circuit wrapInVar(Circuit circuit, Dataset ref, Circuit group) {
    return Matcher.namedAnyOf(ref.inputNames()).update(circuit,
        a -> DiscreteVar.of(ref.get(a.name()), group, a.name() + "_var"));
  }

  /** {@link #replaceInputs(Circuit, SampledInputs, ScrubOptions)} with default options. */
  public Circuit replaceInputs(Circuit circuit, SampledInputs sampled) {
    return replaceInputs(circuit, sampled, ScrubOptions.defaults());
  }

  /**
   * Puts each node's sampled dataset under its matched paths, in depth-first order so the deepest
   * node covering an input wins (relies on path-sensitive updates, so it works untreeified too);
   * skips a node whose dataset equals its parent's. With {@link LabelMode#REFERENCE} the label
   * inputs are left as they are. Not an algebraic rewrite.
   */
  public Circuit replaceInputs(Circuit circuit, SampledInputs sampled, ScrubOptions options) {
    Set<String> replaced = replacedInputNames(options);
    Circuit out = circuit;
    for (Correspondence.ParentedEntry e : corr.inDfsOrderWithParents()) {
      Dataset ds = sampled.get(e.node());
      if (e.parent() != null && sampled.get(e.parent()).equals(ds)) {
        continue;
      }
      if (!Correspondence.toInputs(e.matcher(), dataset.inputNames()).anyFound(out)) {
        throw new IllegalCorrespondenceException(
            IllegalCorrespondenceException.Reason.NO_INPUTS_FOUND, "no input "
                + dataset.inputNames() + " found below the paths of '" + e.node().name() + "'");
      }
      if (!replaced.isEmpty()) {
        out = Correspondence.toInputs(e.matcher(), replaced)
            .update(out, a -> ds.get(a.name()));
      }
    }
    return out;
  }

  private Set<String> replacedInputNames(ScrubOptions options) {
    Set<String> names = new LinkedHashSet<>(dataset.inputNames());
    for (String label : options.labelNames()) {
      if (!names.contains(label)) {
        throw new ScrubbingException("label '" + label + "' is not an input of the dataset "
            + dataset.inputNames());
      }
    }
    if (options.labelMode() == LabelMode.REFERENCE) {
      names.removeAll(options.labelNames());
    }
    return names;
  }

  /** Scrubs {@code n} fresh reference rows with default options. */
  public ScrubbedExperiment scrub(int n) {
    return scrub(n, ScrubOptions.defaults());
  }

  /** Scrubs {@code n} fresh reference rows. */
  public ScrubbedExperiment scrub(int n, ScrubOptions options) {
    return scrub(makeRefDataset(n), options);
  }

  /** Scrubs the given reference rows with default options. */
  public ScrubbedExperiment scrub(Dataset ref) {
    return scrub(ref, ScrubOptions.defaults());
  }

  /**
   * The scrubbed circuit for reference {@code ref} (the "project" step of causal scrubbing, without
   * evaluation): sample, treeify (optionally), wrap the inputs in vars, replace inputs.
   */
  public ScrubbedExperiment scrub(Dataset ref, ScrubOptions options) {
    int n = ref.size();
    SampledInputs sampled = sample(ref);
    Circuit group = options.group().orElseGet(() -> newGroup(n));
    if (group.rank() != 1 || group.shape().get(0) != n) {
      throw new ScrubbingException("the group has shape " + group.shape() + ", but scrubbing "
          + n + " reference rows needs [" + n + "]");
    }
    Circuit circuit = baseCircuit;
    if (options.treeify()) {
      circuit = treeified(options.check());
      if (options.check()) {
        corr.checkInjectiveOnTreeified(circuit);
      }
    }
    circuit = wrapInVar(circuit, ref, group);
    circuit = replaceInputs(circuit, sampled, options);
    return new ScrubbedExperiment(circuit, ref, sampled, group, corr);
  }

  private UUID nextUuid() {
    long hi = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }
}
