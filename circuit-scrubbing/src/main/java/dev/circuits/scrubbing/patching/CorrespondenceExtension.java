package dev.circuits.scrubbing.patching;

import dev.circuits.core.match.Extender;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.scrubbing.CondSampler;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.IllegalCorrespondenceException;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.UncondSampler;
import java.util.Objects;

/**
 * REMIX's {@code extend_corr} (spec remix-ioi.md §4.11): grows a hypothesis by one node whose
 * branch is its parent's branch extended by an {@link Extender}. Example, the second-order name
 * movers: {@code extendCorr(corr, "POS_NM", "POS_NM_second_order",
 * DirectPaths.extendMatcher(posNm, true, true, Channel.Q), new ExactSampler())}.
 */
public final class CorrespondenceExtension {
  private CorrespondenceExtension() {}

  /** The six-argument {@code extendCorr} with other inputs sampled unconditionally. */
  public static InterpNode extendCorr(Correspondence corr, String fromName, String toName,
      Extender extender, CondSampler condSampler) {
    return extendCorr(corr, fromName, toName, extender, condSampler, new UncondSampler());
  }

  /**
   * Adds to {@code corr} a child {@code toName} of the node named {@code fromName}, mapped to
   * {@code extender.extend(parent's matcher)}, and returns it. Throws {@link
   * IllegalCorrespondenceException} if no node is named {@code fromName} (NOT_IN_CORRESPONDENCE,
   * listing the names present) or one is already named {@code toName} (DUPLICATE_NAME); the
   * parent is left unchanged then.
   */
  public static InterpNode extendCorr(Correspondence corr, String fromName, String toName,
      Extender extender, CondSampler condSampler, CondSampler otherInputsSampler) {
    Objects.requireNonNull(corr, "corr");
    Objects.requireNonNull(toName, "toName");
    Objects.requireNonNull(extender, "extender");
    Objects.requireNonNull(condSampler, "condSampler");
    Objects.requireNonNull(otherInputsSampler, "otherInputsSampler");
    InterpNode parent = corr.getByName(fromName);
    if (corr.nodes().stream().anyMatch(n -> n.name().equals(toName))) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.DUPLICATE_NAME,
          "cannot extend '" + fromName + "' to '" + toName + "': a node named '" + toName
              + "' is already in the correspondence");
    }
    IterativeMatcher matcher = extender.extend(corr.get(parent));
    InterpNode child = parent.makeDescendant(toName, condSampler, otherInputsSampler);
    corr.add(child, matcher);
    return child;
  }
}
