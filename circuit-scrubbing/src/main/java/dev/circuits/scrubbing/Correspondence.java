package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.MatchException;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.HashKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Maps interpretation-tree nodes to branches of the model, each picked out by an
 * {@link IterativeMatcher}: the root to {@link IterativeMatcher#corrRootMatcher()}, a child
 * typically to {@code parentMatcher.chain(Matcher.named("A"))} or
 * {@link IterativeMatcher#chainExcluding}. Inputs below a branch are found by extending its
 * matcher to the dataset's input names ({@link #toInputs}).
 */
public final class Correspondence {
  /** A node and its matcher. */
  public record Entry(InterpNode node, IterativeMatcher matcher) {}

  /** A node, its parent (null for the root) and its matcher. */
  public record ParentedEntry(InterpNode parent, InterpNode node, IterativeMatcher matcher) {}

  private final Map<InterpNode, IterativeMatcher> corr = new IdentityHashMap<>();
  private final List<InterpNode> order = new ArrayList<>();
  private final Map<String, InterpNode> byName = new LinkedHashMap<>();

  /** {@code matcher} extended to the inputs named {@code inputNames} below what it finds. */
  public static IterativeMatcher toInputs(IterativeMatcher matcher, Collection<String> inputNames) {
    return matcher.chain(Matcher.namedAnyOf(inputNames));
  }

  /** A shallow copy: the same nodes and matchers in a new correspondence. */
  public Correspondence copy() {
    Correspondence c = new Correspondence();
    for (InterpNode n : order) {
      c.add(n, corr.get(n));
    }
    return c;
  }

  /** Maps {@code node} to {@code matcher}; rejects a node or name already present. */
  public void add(InterpNode node, IterativeMatcher matcher) {
    if (corr.containsKey(node)) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.DUPLICATE_NODE,
          "node " + node + " is already in the correspondence");
    }
    InterpNode same = byName.get(node.name());
    if (same != null) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.DUPLICATE_NAME,
          "a different node named '" + node.name() + "' is already in the correspondence: " + same);
    }
    corr.put(node, matcher);
    order.add(node);
    byName.put(node.name(), node);
  }

  /** Re-maps a node already present to {@code matcher}. */
  public void replace(InterpNode node, IterativeMatcher matcher) {
    if (!corr.containsKey(node)) {
      throw notIn("node " + node);
    }
    corr.put(node, matcher);
  }

  /** The number of mapped nodes. */
  public int size() {
    return order.size();
  }

  /** The mapped nodes in insertion order. */
  public List<InterpNode> nodes() {
    return List.copyOf(order);
  }

  /** Whether {@code node} is mapped. */
  public boolean contains(InterpNode node) {
    return corr.containsKey(node);
  }

  /** The matcher of {@code node}. */
  public IterativeMatcher get(InterpNode node) {
    IterativeMatcher m = corr.get(node);
    if (m == null) {
      throw notIn("node " + node);
    }
    return m;
  }

  /** The node named {@code name}. */
  public InterpNode getByName(String name) {
    InterpNode n = byName.get(name);
    if (n == null) {
      throw notIn("no node is named '" + name + "'; names: " + byName.keySet() + ";");
    }
    return n;
  }

  private static IllegalCorrespondenceException notIn(String what) {
    return new IllegalCorrespondenceException(
        IllegalCorrespondenceException.Reason.NOT_IN_CORRESPONDENCE,
        what + " is not in the correspondence");
  }

  /** The one node that is no mapped node's child. */
  public InterpNode getRoot() {
    if (order.isEmpty()) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.EMPTY,
          "an empty correspondence has no root");
    }
    Map<InterpNode, Integer> parents = new IdentityHashMap<>();
    for (InterpNode n : order) {
      for (InterpNode child : n.children()) {
        parents.merge(child, 1, Integer::sum);
      }
    }
    List<InterpNode> roots = order.stream().filter(n -> !parents.containsKey(n)).toList();
    if (roots.size() > 1) {
      throw new IllegalCorrespondenceException(
          IllegalCorrespondenceException.Reason.MULTIPLE_ROOTS, "found multiple roots: "
              + roots.stream().map(InterpNode::name).toList());
    }
    if (roots.isEmpty()) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.NO_ROOT,
          "found no root, so the interpretation is not a tree");
    }
    return roots.get(0);
  }

  /** The root's tree in depth-first pre-order, with matchers. */
  public List<Entry> inDfsOrder() {
    List<Entry> out = new ArrayList<>();
    if (order.isEmpty()) {
      return out;
    }
    for (InterpNode n : getRoot().getNodes()) {
      out.add(new Entry(n, get(n)));
    }
    return out;
  }

  /** The root (with a null parent), then every edge of the tree depth first, with matchers. */
  public List<ParentedEntry> inDfsOrderWithParents() {
    List<ParentedEntry> out = new ArrayList<>();
    if (order.isEmpty()) {
      return out;
    }
    InterpNode root = getRoot();
    out.add(new ParentedEntry(null, root, get(root)));
    for (InterpNode.Edge e : root.getDescendantsWithParents()) {
      out.add(new ParentedEntry(e.parent(), e.child(), get(e.child())));
    }
    return out;
  }

  /** Checks that every child of a mapped node is mapped. */
  public void checkComplete() {
    for (InterpNode n : order) {
      for (InterpNode child : n.children()) {
        if (!corr.containsKey(child)) {
          throw new IllegalCorrespondenceException(
              IllegalCorrespondenceException.Reason.INCOMPLETE, "node '" + child.name()
                  + "' is a child of mapped node '" + n.name() + "' but is not mapped itself");
        }
      }
    }
  }

  /** Checks that the root maps to {@link IterativeMatcher#corrRootMatcher()}. */
  public void checkRootIsModel() {
    InterpNode root = getRoot();
    if (!get(root).equals(IterativeMatcher.corrRootMatcher())) {
      throw new IllegalCorrespondenceException(
          IllegalCorrespondenceException.Reason.ROOT_NOT_MODEL, "the root '" + root.name()
              + "' must map to IterativeMatcher.corrRootMatcher(), not " + get(root));
    }
  }

  /** Checks that each matcher finds exactly one node of {@code circuit}. */
  public void checkWellDefined(Circuit circuit) {
    checkWellDefined(circuit, null);
  }

  /**
   * Checks that each matcher finds exactly one node of {@code circuit} and, when
   * {@code inputNames} is given, that extended to those inputs it finds some.
   */
  public void checkWellDefined(Circuit circuit, Set<String> inputNames) {
    for (InterpNode n : order) {
      IterativeMatcher m = corr.get(n);
      try {
        m.getUnique(circuit);
      } catch (MatchException e) {
        throw new IllegalCorrespondenceException(
            IllegalCorrespondenceException.Reason.NOT_WELL_DEFINED, "the matcher of '" + n.name()
                + "' does not find exactly one node: " + e.getMessage());
      }
      if (inputNames != null && !toInputs(m, inputNames).anyFound(circuit)) {
        throw new IllegalCorrespondenceException(
            IllegalCorrespondenceException.Reason.NO_INPUTS_FOUND, "the matcher of '" + n.name()
                + "' extended to the inputs " + inputNames + " finds nothing in "
                + circuit.describe());
      }
    }
  }

  /** Checks that no node of (treeified) {@code circuit} is matched by two InterpNodes. */
  public void checkInjectiveOnTreeified(Circuit circuit) {
    Map<HashKey, List<String>> matchedBy = new HashMap<>();
    Map<HashKey, Circuit> circuits = new HashMap<>();
    for (InterpNode n : order) {
      for (Circuit c : corr.get(n).get(circuit)) {
        matchedBy.computeIfAbsent(HashKey.of(c), k -> new ArrayList<>()).add(n.name());
        circuits.put(HashKey.of(c), c);
      }
    }
    List<String> clashes = new ArrayList<>();
    matchedBy.forEach((k, names) -> {
      if (names.size() > 1) {
        clashes.add(circuits.get(k).describe() + " by " + names);
      }
    });
    if (!clashes.isEmpty()) {
      throw new IllegalCorrespondenceException(IllegalCorrespondenceException.Reason.NOT_INJECTIVE,
          "circuit nodes matched by several interpretation nodes: " + clashes);
    }
  }

  /** Every node of {@code circuit} found by some matcher (with repeats across matchers). */
  public List<Circuit> getAllMatched(Circuit circuit) {
    List<Circuit> out = new ArrayList<>();
    for (InterpNode n : order) {
      out.addAll(corr.get(n).get(circuit));
    }
    return out;
  }

  /** Runs {@link #checkComplete}, {@link #checkRootIsModel} and, if treeified, injectivity. */
  public void check(Circuit circuit, boolean circuitTreeified) {
    checkComplete();
    checkRootIsModel();
    if (circuitTreeified) {
      checkInjectiveOnTreeified(circuit);
    }
  }

  /** Samples the tree from the root, the reference dataset serving as the root's parent. */
  public SampledInputs sample(Dataset source, RandomGenerator rng, Dataset ref) {
    return getRoot().sample(rng, source, ref);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Correspondence(");
    for (InterpNode n : order) {
      sb.append("\n  ").append(n.name()).append(" -> ").append(corr.get(n));
    }
    return sb.append(order.isEmpty() ? ")" : "\n)").toString();
  }
}
