package dev.circuits.ioi.experiments;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.RolePositions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Activation patching of head outputs between datasets whose positions need not align (random
 * prefixes, other templates): each head's output row at word role {@code role} of patch prompt i
 * (its own position there) replaces the head's output at that role's position in baseline prompt
 * i, everywhere downstream (REMIX's node names are fixed positions, so unaligned batches need
 * this; positions come from {@link RolePositions}). On aligned data it equals path patching
 * every path through the heads at that position. Example:
 * {@code RolePositionPatch.run(setup, sInhibition, withPrefixes, "END").logitDiff(ioS, end)}.
 */
public final class RolePositionPatch {
  private RolePositionPatch() {}

  /**
   * The baseline run with {@code heads} at slot {@code role} ({@link RolePositions#ROLES})
   * replaced by {@code patch}'s rows; the baseline's slot must sit at one position in every prompt.
   */
  public static ForwardRun run(IoiPatchSetup setup, List<Head> heads, IoiDataset patch,
      String role) {
    var cfg = setup.weights().config();
    for (Head h : heads) {
      if (h.layer() < 0 || h.layer() >= cfg.nLayer() || h.head() < 0 || h.head() >= cfg.nHead()) {
        throw new CircuitException("no head " + h.layer() + "." + h.head() + " in this "
            + cfg.nLayer() + " x " + cfg.nHead() + " model");
      }
    }
    RolePositions slots = RolePositions.between(setup.baseline(), patch);
    int target = aligned(slots.baseline(checkRole(role)), role);
    int layers = heads.stream().mapToInt(Head::layer).max().orElse(0) + 1;
    Map<NodeSpec, INDArray> outputs = new LinkedHashMap<>();
    try (ForwardRun source = ForwardRun.of(setup.rowModel(), patch.modelTokens(),
        patch.maxLength() - 1, HeadOverrides.none(), layers)) {
      for (Head h : heads) {
        outputs.put(NodeSpec.head(h.layer(), h.head(), target),
            source.headOutputRows(h.layer(), h.head(), slots.patch(role)));
      }
    }
    return setup.activationPatched(outputs);
  }

  private static String checkRole(String role) {
    if (!RolePositions.ROLES.contains(role)) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY, "unknown slot role '" + role
          + "'; expected one of " + RolePositions.ROLES);
    }
    return role;
  }

  private static int aligned(int[] positions, String role) {
    for (int p : positions) {
      if (p != positions[0]) {
        throw new IoiException(IoiException.Kind.UNALIGNED, "the baseline's " + role + " is at "
            + positions[0] + " and " + p + " in different prompts; expected one position");
      }
    }
    return positions[0];
  }
}
