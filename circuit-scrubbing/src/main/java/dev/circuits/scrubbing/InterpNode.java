package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A node of an interpretation tree: what data it is indifferent between ({@code condSampler}) and,
 * for an internal node, how inputs to its image not covered by its children are sampled
 * ({@code otherInputsSampler}, unconditional by default). Nodes compare by identity; children are
 * added with {@link #makeDescendant}. Example:
 * {@code InterpNode c = new InterpNode("C", new ExactSampler()); c.makeDescendant("A", new UncondSampler());}
 */
public final class InterpNode {
  private final String name;
  private final CondSampler condSampler;
  private final CondSampler otherInputsSampler;
  private final List<InterpNode> children = new ArrayList<>();

  /** A node whose other inputs are sampled unconditionally. */
  public InterpNode(String name, CondSampler condSampler) {
    this(name, condSampler, new UncondSampler());
  }

  /** A node with both samplers given. */
  public InterpNode(String name, CondSampler condSampler, CondSampler otherInputsSampler) {
    this.name = Objects.requireNonNull(name, "name");
    this.condSampler = Objects.requireNonNull(condSampler, "condSampler");
    this.otherInputsSampler = Objects.requireNonNull(otherInputsSampler, "otherInputsSampler");
  }

  /** Adds and returns a child whose other inputs are sampled unconditionally. */
  public InterpNode makeDescendant(String childName, CondSampler childCondSampler) {
    return makeDescendant(childName, childCondSampler, new UncondSampler());
  }

  /** Adds and returns a child with both samplers given. */
  public InterpNode makeDescendant(String childName, CondSampler childCondSampler,
      CondSampler childOtherInputsSampler) {
    InterpNode child = new InterpNode(childName, childCondSampler, childOtherInputsSampler);
    children.add(child);
    return child;
  }

  /** The name (unique within a correspondence). */
  public String name() {
    return name;
  }

  /** The sampler of data this node is indifferent between. */
  public CondSampler condSampler() {
    return condSampler;
  }

  /** The sampler for inputs to this node's image that no child covers (unused by leaves). */
  public CondSampler otherInputsSampler() {
    return otherInputsSampler;
  }

  /** The children, in the order they were added (read-only). */
  public List<InterpNode> children() {
    return Collections.unmodifiableList(children);
  }

  /** Whether the node has no children. */
  public boolean isLeaf() {
    return children.isEmpty();
  }

  /** The number of nodes in the subtree rooted here. */
  public int treeSize() {
    return getNodes().size();
  }

  /** This node and its descendants in depth-first pre-order. */
  public List<InterpNode> getNodes() {
    List<InterpNode> out = new ArrayList<>();
    collect(out);
    return out;
  }

  private void collect(List<InterpNode> out) {
    out.add(this);
    for (InterpNode c : children) {
      c.collect(out);
    }
  }

  /** A parent-child edge of the tree. */
  public record Edge(InterpNode parent, InterpNode child) {}

  /** Every edge below this node: this node's own edges first, then each child's, depth first. */
  public List<Edge> getDescendantsWithParents() {
    List<Edge> out = new ArrayList<>();
    for (InterpNode c : children) {
      out.add(new Edge(this, c));
    }
    for (InterpNode c : children) {
      out.addAll(c.getDescendantsWithParents());
    }
    return out;
  }

  /**
   * Samples this subtree: this node's dataset is its conditional sample given {@code parentDs}
   * (the reference dataset for the root), an internal node also samples its other inputs given
   * that dataset, then the children are sampled given it, in order.
   */
  public SampledInputs sample(RandomGenerator rng, Dataset sourceDs, Dataset parentDs) {
    SampledInputs into = new SampledInputs();
    sampleInto(rng, sourceDs, parentDs, into);
    return into;
  }

  private void sampleInto(RandomGenerator rng, Dataset source, Dataset parentDs,
      SampledInputs into) {
    SamplerPools pools = into.pools();
    Dataset ds = pools.sample(condSampler, parentDs, source, rng);
    if (!isLeaf()) {
      into.putOther(this, pools.sample(otherInputsSampler, ds, source, rng));
    }
    into.putCond(this, ds);
    for (InterpNode child : children) {
      child.sampleInto(rng, source, ds, into);
    }
  }

  /**
   * This node's samplers as text, e.g. {@code cond_sampler=ExactSampler, other_inputs_sampler=...},
   * with datum {@code datumIdx} of each sampled dataset when {@code sampled} has them.
   */
  public String describeSamplers(SampledInputs sampled, int datumIdx) {
    String out = "cond_sampler="
        + condSampler.describe(sampled.condDataset(this).orElse(null), datumIdx);
    if (!isLeaf()) {
      out += ", other_inputs_sampler=" + otherInputsSampler.describe(
          sampled.otherInputsDataset(this).orElse(null), datumIdx);
    }
    return out;
  }

  /**
   * The tree before sampling, commented with its samplers, as plain text (safe for files and
   * logs; see {@link #print(PrintOptions, SampledInputs, boolean, boolean, int)}).
   */
  public String print() {
    return print(PrintOptions.defaults(), SampledInputs.empty(), true, false, 0);
  }

  /** {@link #print()} with ANSI colours by dataset: for an interactive terminal only. */
  public String printColored() {
    return print(PrintOptions.defaults(), SampledInputs.empty(), true, true, 0);
  }

  /**
   * The tree as text, one line {@code name GeneralFunction} per node (never bijective): with
   * {@code printData}, each line is commented with the samplers and datum {@code datumIdx} of the
   * sampled datasets; with {@code colorByData}, nodes are coloured by their conditional dataset.
   */
  public String print(PrintOptions options, SampledInputs sampled, boolean printData,
      boolean colorByData, int datumIdx) {
    Map<Circuit, InterpNode> byCircuit = new HashMap<>();
    Circuit tree = toCircuit(byCircuit);
    PrintOptions o = options.withBijection(false);
    if (printData) {
      List<java.util.function.Function<Circuit, String>> commenters =
          new ArrayList<>(o.commenters());
      commenters.add(c -> byCircuit.get(c).describeSamplers(sampled, datumIdx));
      o = o.withCommenters(commenters);
    }
    if (colorByData) {
      o = o.withColorer(c -> DatasetColors.of(sampled.condDataset(byCircuit.get(c)).orElse(null)));
    }
    return Printer.repr(o, tree);
  }

  private Circuit toCircuit(Map<Circuit, InterpNode> byCircuit) {
    List<Circuit> kids = new ArrayList<>();
    for (InterpNode c : children) {
      kids.add(c.toCircuit(byCircuit));
    }
    Circuit self = InterpNodeDisplay.node(name, kids);
    byCircuit.put(self, this);
    return self;
  }

  @Override
  public String toString() {
    return "InterpNode(name=" + name + ", " + describeSamplers(SampledInputs.empty(), 0)
        + ", children=" + children.stream().map(InterpNode::name).toList() + ")";
  }
}
