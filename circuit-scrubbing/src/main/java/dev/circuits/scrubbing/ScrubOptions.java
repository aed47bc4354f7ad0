package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import java.util.Optional;
import java.util.Set;

/**
 * Options of {@link Experiment#scrub}: explicit treeification (on by default), correspondence
 * checks (on), label handling ({@link LabelMode#FOLLOW_SAMPLED}, no labels named) and the
 * DiscreteVar group (a fresh seeded one by default). Example:
 * {@code ScrubOptions.defaults().withLabels(LabelMode.REFERENCE, Set.of("labels"))}.
 */
public final class ScrubOptions {
  private static final ScrubOptions DEFAULTS =
      new ScrubOptions(true, true, LabelMode.FOLLOW_SAMPLED, Set.of(), null);

  private final boolean treeify;
  private final boolean check;
  private final LabelMode labelMode;
  private final Set<String> labelNames;
  private final Circuit group;

  private ScrubOptions(boolean treeify, boolean check, LabelMode labelMode,
      Set<String> labelNames, Circuit group) {
    this.treeify = treeify;
    this.check = check;
    this.labelMode = labelMode;
    this.labelNames = Set.copyOf(labelNames);
    this.group = group;
  }

  /** Treeify, check, labels follow the samples, fresh group. */
  public static ScrubOptions defaults() {
    return DEFAULTS;
  }

  /** Whether the circuit is explicitly treeified (and checked injective) before replacing inputs. */
  public boolean treeify() {
    return treeify;
  }

  /** These options with treeification on or off. */
  public ScrubOptions withTreeify(boolean on) {
    return new ScrubOptions(on, check, labelMode, labelNames, group);
  }

  /** Whether the correspondence is checked while scrubbing. */
  public boolean check() {
    return check;
  }

  /** These options with checks on or off. */
  public ScrubOptions withCheck(boolean on) {
    return new ScrubOptions(treeify, on, labelMode, labelNames, group);
  }

  /** How the label inputs are scrubbed. */
  public LabelMode labelMode() {
    return labelMode;
  }

  /** The names of the label inputs. */
  public Set<String> labelNames() {
    return labelNames;
  }

  /** These options with label inputs {@code names} scrubbed according to {@code mode}. */
  public ScrubOptions withLabels(LabelMode mode, Set<String> names) {
    return new ScrubOptions(treeify, check, mode, names, group);
  }

  /** The DiscreteVar group to use, if one was given. */
  public Optional<Circuit> group() {
    return Optional.ofNullable(group);
  }

  /** These options with an explicit group (shape {@code [n]} for {@code n} reference rows). */
  public ScrubOptions withGroup(Circuit g) {
    return new ScrubOptions(treeify, check, labelMode, labelNames, g);
  }
}
