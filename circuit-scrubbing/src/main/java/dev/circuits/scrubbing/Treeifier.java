package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.Tag;
import dev.circuits.core.match.Matcher;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Treeification (an algebraic rewrite): for each interpretation node in depth-first order, every
 * input below its matched paths is wrapped as {@code Tag(input renamed "<input>_scrub_<node>",
 * name "<input>")} with a fresh uuid, so each node's paths become distinct subtrees. A non-root
 * node first unwraps the tag its parent put there, which is where the tree structure is checked.
 */
final class Treeifier {
  private final Correspondence corr;
  private final Set<String> inputNames;
  private final Supplier<UUID> uuids;
  private final boolean check;

  Treeifier(Correspondence corr, Set<String> inputNames, Supplier<UUID> uuids, boolean check) {
    this.corr = corr;
    this.inputNames = inputNames;
    this.uuids = uuids;
    this.check = check;
  }

  /** The treeified circuit. */
  Circuit treeify(Circuit base) {
    Circuit circuit = base;
    InterpNode root = corr.getRoot();
    for (Correspondence.Entry e : corr.inDfsOrder()) {
      Circuit before = circuit;
      InterpNode node = e.node();
      circuit = Correspondence.toInputs(e.matcher(), inputNames)
          .update(circuit, a -> retag(node, node == root, a, before));
    }
    return circuit;
  }

  private Circuit retag(InterpNode node, boolean isRoot, Circuit input, Circuit circuit) {
    String inputName = input.name();
    Circuit a = input;
    if (!isRoot) {
      if (!(input instanceof Tag tag)) {
        throw new ScrubbingException("input " + input.describe() + " below interpretation node '"
            + node.name() + "' was not tagged by an ancestor during treeification");
      }
      a = tag.node();
      if (check) {
        checkTagger(node, inputName, a, circuit);
      }
    }
    return Tag.of(a.rename(inputName + "_scrub_" + node.name()), uuids.get(), inputName);
  }

  /** The node that tagged {@code untagged} must be {@code node}'s parent, and contain its matches. */
  private void checkTagger(InterpNode node, String inputName, Circuit untagged, Circuit circuit) {
    String prefix = inputName + "_scrub_";
    if (untagged.name() == null || !untagged.name().contains(prefix)) {
      throw new ScrubbingException("input " + untagged.describe() + " below '" + node.name()
          + "' should have been tagged by the root already");
    }
    InterpNode tagger = corr.getByName(untagged.name().replace(prefix, ""));
    if (!tagger.children().contains(node)) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.WRONG_PARENT,
          "inputs below '" + node.name() + "' were last tagged by '" + tagger.name()
              + "', which is not its parent: its matcher must only extend its parent's paths");
    }
    Set<Circuit> parentCircuits = corr.get(tagger).get(circuit);
    for (Circuit mine : corr.get(node).get(circuit)) {
      boolean below = false;
      for (Circuit p : parentCircuits) {
        below |= Matcher.circuits(mine).anyFound(p);
      }
      if (!below) {
        throw new IllegalCorrespondenceException(
            IllegalCorrespondenceException.Reason.NOT_A_DESCENDANT, "'" + node.name()
                + "' matches " + mine.describe() + ", which is not below any node its parent '"
                + tagger.name() + "' matches");
      }
    }
  }
}
