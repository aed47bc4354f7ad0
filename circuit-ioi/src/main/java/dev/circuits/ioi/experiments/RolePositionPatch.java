package dev.circuits.ioi.experiments;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.match.Updater;
import dev.circuits.gpt2.model.AttentionPatterns.Head;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.RolePositions;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Activation patching of head outputs between datasets whose positions need not align (random
 * prefixes, other templates): each head's output row at word role {@code role} of patch prompt i
 * (its own position there) replaces the head's output at that role's position in baseline prompt
 * i, everywhere downstream (REMIX's node names are fixed positions, so unaligned batches need
 * this; positions come from {@link RolePositions}). On aligned data it equals path patching
 * every path through the heads at that position. Example:
 * {@code RolePositionPatch.run(setup, sInhibition, withPrefixes, "END", ev)}.
 */
public final class RolePositionPatch {
  private RolePositionPatch() {}

  /**
   * The baseline with {@code heads} at slot {@code role} ({@link RolePositions#ROLES}) replaced by
   * {@code patch}'s rows; the baseline's slot must sit at one position in every prompt.
   */
  public static PatchedRun run(IoiPatchSetup setup, List<Head> heads, IoiDataset patch,
      String role, Evaluator evaluator) {
    RolePositions slots = RolePositions.between(setup.baseline(), patch);
    int target = aligned(slots.baseline(checkRole(role)), role);
    INDArray rows = headRows(setup, heads, patch, slots.patch(role), evaluator);
    Circuit circuit = setup.pathPatched(IterativeMatcher.term(), setup.baseline()).circuit();
    for (int i = 0; i < heads.size(); i++) {
      Head h = heads.get(i);
      String name = NodeSpec.head(h.layer(), h.head(), target).toName();
      DiscreteVar var = DiscreteVar.of(Array.wrap(rows.get(NDArrayIndex.point(i)).dup('c'),
          name + "_patched"), setup.group(), name);
      circuit = new Updater(x -> var).update(circuit, Matcher.named(name), false, true);
    }
    return new PatchedRun(setup, circuit);
  }

  /**
   * Each head's output (without bias) in every prompt p of {@code ds} at position
   * {@code positions[p]}: {@code [heads, N, 1, d_model]}.
   */
  public static INDArray headRows(IoiPatchSetup setup, List<Head> heads, IoiDataset ds,
      int[] positions, Evaluator evaluator) {
    Gpt2Circuit model = Gpt2Circuit.build(setup.weights(), Gpt2BuildOptions.split(ds.maxLength()));
    INDArray tokens = LogitDiffStats.tokens(ds);
    List<Circuit> roots = new ArrayList<>();
    for (Head h : heads) {
      Circuit node = Matcher.named(h.nodeName()).getUniqueOp(model.logits()).orElseThrow(() ->
          new CircuitException("no head " + h.nodeName()
              + " in the model; expected layer < " + setup.weights().config().nLayer()
              + " and head < " + setup.weights().config().nHead()));
      roots.add(model.withTokens(node, tokens));
    }
    List<INDArray> outputs = evaluator.evaluateMany(roots);
    long d = setup.weights().config().nEmbd();
    INDArray out = Nd4j.create(outputs.isEmpty() ? setup.weights().tokEmbeds().dataType()
        : outputs.get(0).dataType(), heads.size(), ds.size(), 1, d);
    for (int i = 0; i < heads.size(); i++) {
      for (int p = 0; p < ds.size(); p++) {
        out.get(NDArrayIndex.point(i), NDArrayIndex.point(p), NDArrayIndex.point(0))
            .assign(outputs.get(i).get(NDArrayIndex.point(p), NDArrayIndex.point(positions[p])));
      }
    }
    return out;
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
