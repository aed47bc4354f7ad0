package dev.circuits.core;

import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a node around new children whose shapes may differ from the old ones: extra leading
 * dims are batch dims (right-aligned across children and propagated to the output), and other dims
 * may change where the node type allows it (rust_circuit's {@code expand_node}).
 */
public final class ExpandNode {
  private ExpandNode() {}

  /**
   * Replaces every occurrence (by hash) of the map's keys below {@code root} and rebuilds the
   * ancestors with {@link #expand}, so replacements may add leading batch dims.
   */
  public static Circuit replace(Circuit root, Map<HashKey, Circuit> replacements) {
    return replace(root, replacements, new HashMap<>());
  }

  /** {@link #replace(Circuit, Map)} with a memo; children first, iteratively (any depth). */
  static Circuit replace(Circuit root, Map<HashKey, Circuit> replacements,
      Map<HashKey, Circuit> memo) {
    java.util.Set<HashKey> entered = new java.util.HashSet<>();
    if (resolved(root, replacements, memo) == null) {
      entered.add(HashKey.of(root));
      Traversals.walk(root, (parent, child) -> { },
          child -> resolved(child, replacements, memo) == null
              && entered.add(HashKey.of(child)),
          c -> memo.put(HashKey.of(c), rebuilt(c, replacements, memo)));
    }
    return resolved(root, replacements, memo);
  }

  /** The replacement or memoised result for {@code c}; null when it is still to be computed. */
  private static Circuit resolved(Circuit c, Map<HashKey, Circuit> replacements,
      Map<HashKey, Circuit> memo) {
    HashKey key = HashKey.of(c);
    Circuit r = replacements.get(key);
    return r != null ? r : memo.get(key);
  }

  /** {@code c} around its children's results (all resolved already). */
  private static Circuit rebuilt(Circuit c, Map<HashKey, Circuit> replacements,
      Map<HashKey, Circuit> memo) {
    if (c.numChildren() == 0) {
      return c;
    }
    List<Circuit> kids = new ArrayList<>(c.numChildren());
    boolean changed = false;
    for (Circuit ch : c.children()) {
      Circuit n = resolved(ch, replacements, memo);
      changed |= n != ch;
      kids.add(n);
    }
    return changed ? expand(c, kids) : c;
  }

  /** Rebuilds {@code node} with {@code newChildren}, propagating batch dims. */
  public static Circuit expand(Circuit node, List<Circuit> newChildren) {
    if (newChildren.size() != node.numChildren()) {
      throw new ExpandException("expand " + node.describe() + ": expected " + node.numChildren()
          + " children, got " + newChildren.size());
    }
    int n = newChildren.size();
    int[] batchRank = new int[n];
    boolean unchangedShapes = true;
    for (int i = 0; i < n; i++) {
      Circuit oldC = node.child(i);
      Circuit newC = newChildren.get(i);
      batchRank[i] = newC.rank() - oldC.rank();
      if (batchRank[i] < 0 && !(node instanceof Module && i == 0)) {
        throw new ExpandException("expand " + node.describe() + ": child " + i + " "
            + newC.describe() + " has lower rank than the old child " + oldC.describe());
      }
      unchangedShapes &= newC.shape().equals(oldC.shape());
    }
    if (unchangedShapes || node instanceof Module) {
      return node.withChildren(newChildren);
    }
    Shape batch = alignedBatch(node, newChildren, batchRank);
    int k = batch.rank();
    return switch (node.kind()) {
      case EINSUM -> expandEinsum((Einsum) node, newChildren, batchRank, k);
      case ADD -> expandAdd(node, newChildren, batchRank);
      case REARRANGE -> expandRearrange((Rearrange) node, newChildren.get(0), k);
      case INDEX -> expandIndex((Index) node, newChildren.get(0), k);
      case SCATTER -> expandScatter((Scatter) node, newChildren.get(0), batch);
      case CONCAT -> expandConcat((Concat) node, newChildren, batchRank, batch);
      case GENERAL_FUNCTION -> expandGeneralFunction((GeneralFunction) node, newChildren,
          batchRank);
      case TAG -> node.withChildren(newChildren);
      case SET_SYMBOLIC_SHAPE -> expandSetSymbolicShape((SetSymbolicShape) node,
          newChildren.get(0), k);
      case DISCRETE_VAR -> {
        if (k > 0) {
          throw new ExpandException("expand " + node.describe()
              + ": a DiscreteVar's values cannot gain batch dims");
        }
        yield node.withChildren(newChildren);
      }
      case ARRAY, SCALAR, SYMBOL, MODULE -> node;
    };
  }

  /** Right-aligns the children's batch shapes and checks they agree. */
  static Shape alignedBatch(Circuit node, List<Circuit> children, int[] batchRank) {
    int k = Arrays.stream(batchRank).max().orElse(0);
    long[] out = new long[k];
    boolean[] set = new boolean[k];
    for (int i = 0; i < children.size(); i++) {
      for (int j = 0; j < batchRank[i]; j++) {
        int pos = k - batchRank[i] + j;
        long d = children.get(i).shape().get(j);
        if (set[pos] && out[pos] != d) {
          throw new ExpandException("expand " + node.describe() + ": batch shapes of the new "
              + "children do not agree (right-aligned) at batch dim " + pos + ": " + out[pos]
              + " vs " + d);
        }
        out[pos] = d;
        set[pos] = true;
      }
    }
    return Shape.of(out);
  }

  private static Circuit expandEinsum(Einsum e, List<Circuit> children, int[] batchRank, int k) {
    int next = 0;
    for (int i = 0; i < e.numChildren(); i++) {
      for (int a : e.inAxes(i)) {
        next = Math.max(next, a + 1);
      }
    }
    for (int a : e.outAxes()) {
      next = Math.max(next, a + 1);
    }
    int[] batchInts = new int[k];
    for (int j = 0; j < k; j++) {
      batchInts[j] = next + j;
    }
    List<Einsum.Arg> args = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      int[] old = e.inAxes(i);
      int[] axes = new int[batchRank[i] + old.length];
      System.arraycopy(batchInts, k - batchRank[i], axes, 0, batchRank[i]);
      System.arraycopy(old, 0, axes, batchRank[i], old.length);
      args.add(new Einsum.Arg(children.get(i), axes));
    }
    int[] oldOut = e.outAxes();
    int[] out = new int[k + oldOut.length];
    System.arraycopy(batchInts, 0, out, 0, k);
    System.arraycopy(oldOut, 0, out, k, oldOut.length);
    return rename(Einsum.of(setSymbolicAxes(args), out, null), e);
  }

  private static Circuit expandAdd(Circuit add, List<Circuit> children, int[] batchRank) {
    int rank = add.rank();
    List<Circuit> out = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      Circuit c = children.get(i);
      int oldRank = add.child(i).rank();
      if (batchRank[i] > 0 && oldRank < rank) {
        int[] axes = new int[rank - oldRank];
        long[] ones = new long[rank - oldRank];
        for (int j = 0; j < axes.length; j++) {
          axes[j] = batchRank[i] + j;
          ones[j] = 1;
        }
        c = Rearrange.of(c, RearrangeSpec.expandAtAxes(c.rank(), axes, ones),
            c.isNamed() ? c.name() + " unsq_b_add" : null);
      }
      out.add(c);
    }
    return rename(Add.of(setSymbolicBroadcast(out), null), add);
  }

  private static Circuit expandRearrange(Rearrange r, Circuit child, int k) {
    RearrangeSpec spec = k == 0 ? r.spec() : r.spec().addBatchDims(k);
    try {
      spec.conformToInputShape(child.shape());
    } catch (ConstructException e) {
      spec = freeSymbolicInputSizes(spec, k);
    }
    return rename(Rearrange.of(child, spec, null), r);
  }

  /** Drops known sizes of input ints that were symbolic so they can be re-inferred. */
  private static RearrangeSpec freeSymbolicInputSizes(RearrangeSpec spec, int k) {
    long[] sizes = spec.sizes();
    int[][] in = spec.input();
    for (int[] g : in) {
      for (int i : g) {
        if (sizes[i] != RearrangeSpec.NONE && SymbolicSizes.isSymbolic(sizes[i])
            && Arrays.stream(g).noneMatch(j -> j != i && sizes[j] == RearrangeSpec.NONE)) {
          sizes[i] = RearrangeSpec.NONE;
        }
      }
    }
    return RearrangeSpec.of(in, spec.output(), sizes);
  }

  private static Circuit expandIndex(Index idx, Circuit child, int k) {
    Shape oldShape = idx.child(0).shape();
    List<TensorIndex.Axis> axes = idx.index().axes();
    for (int a = 0; a < axes.size(); a++) {
      long newSize = child.shape().get(k + a);
      if (newSize != oldShape.get(a) && !(axes.get(a) instanceof TensorIndex.Slice s
          && s.isIdentity(oldShape.get(a)) && s.start() == null && s.stop() == null)) {
        throw new ExpandException("expand " + idx.describe() + ": axis " + a
            + " is indexed by " + axes.get(a) + " so its size cannot change from "
            + oldShape.get(a) + " to " + newSize);
      }
    }
    return rename(Index.of(child, idx.index().withLeadingSlices(k), null), idx);
  }

  private static Circuit expandScatter(Scatter s, Circuit child, Shape batch) {
    if (!child.shape().drop(batch.rank()).equals(s.child(0).shape())) {
      throw new ExpandException("expand " + s.describe() + ": scattered dims cannot change");
    }
    return rename(Scatter.of(child, s.index().withLeadingSlices(batch.rank()),
        batch.concat(s.shape()), null), s);
  }

  private static Circuit expandConcat(Concat c, List<Circuit> children, int[] batchRank,
      Shape batch) {
    int k = batch.rank();
    List<Circuit> out = new ArrayList<>();
    long oldAxis = c.shape().get(c.axis());
    long newAxis = 0;
    for (int i = 0; i < children.size(); i++) {
      Circuit ch = children.get(i);
      if (batchRank[i] < k) {
        ch = Rearrange.of(ch, RearrangeSpec.prependBatch(batch.slice(0, k - batchRank[i]),
            ch.rank()), ch.isNamed() ? ch.name() + " rep_for_batch" : null);
      }
      newAxis += ch.shape().get(k + c.axis());
      out.add(ch);
    }
    if (newAxis != oldAxis) {
      throw new ExpandException("expand " + c.describe() + ": the concat axis size cannot "
          + "change (" + oldAxis + " -> " + newAxis + ")");
    }
    return rename(Concat.of(setSymbolicExceptAxis(out, c.axis() + k), c.axis() + k, null), c);
  }

  private static Circuit expandGeneralFunction(GeneralFunction gf, List<Circuit> children,
      int[] batchRank) {
    List<Boolean> batchable = gf.shapeInfo().inputBatchability();
    for (int i = 0; i < children.size(); i++) {
      if (batchRank[i] > 0 && !batchable.get(i)) {
        throw new ExpandException("expand " + gf.describe() + ": input " + i + " ("
            + children.get(i).describe() + ") is not batchable for " + gf.spec().fnName());
      }
    }
    return rename(GeneralFunction.of(gf.spec(), children, null), gf);
  }

  private static Circuit expandSetSymbolicShape(SetSymbolicShape s, Circuit child, int k) {
    Shape oldChild = s.node().shape();
    long[] dims = child.shape().toArray();
    for (int j = 0; j < s.rank(); j++) {
      if (dims[k + j] == oldChild.get(j)) {
        dims[k + j] = s.shape().get(j);
      }
    }
    if (Shape.of(dims).equals(child.shape())) {
      return child;
    }
    return rename(SetSymbolicShape.of(child, Shape.of(dims), null), s);
  }

  /**
   * rust's {@code find_non_symbolic}: the first concrete size among {@code sizes}, else the first
   * size (null when there are none).
   */
  private static Long nonSymbolic(List<Long> sizes) {
    for (long s : sizes) {
      if (!SymbolicSizes.isSymbolic(s)) {
        return s;
      }
    }
    return sizes.isEmpty() ? null : sizes.get(0);
  }

  /** Einsum operands with symbolic sizes set to the size the axis has elsewhere. */
  private static List<Einsum.Arg> setSymbolicAxes(List<Einsum.Arg> args) {
    Map<Integer, List<Long>> sizes = new HashMap<>();
    for (Einsum.Arg a : args) {
      for (int i = 0; i < a.axes().length; i++) {
        sizes.computeIfAbsent(a.axes()[i], x -> new ArrayList<>()).add(a.circuit().shape().get(i));
      }
    }
    List<Einsum.Arg> out = new ArrayList<>();
    for (Einsum.Arg a : args) {
      Long[] target = new Long[a.axes().length];
      for (int i = 0; i < target.length; i++) {
        target[i] = nonSymbolic(sizes.get(a.axes()[i]));
      }
      out.add(new Einsum.Arg(SetSymbolicShape.someSetAndSymbolicNeq(a.circuit(), target, null),
          a.axes()));
    }
    return out;
  }

  /** Add operands with symbolic sizes set to the broadcast size (ignoring size-1 dims). */
  private static List<Circuit> setSymbolicBroadcast(List<Circuit> inputs) {
    int rank = inputs.stream().mapToInt(Circuit::rank).max().orElse(0);
    Long[] full = new Long[rank];
    for (int i = 0; i < rank; i++) {
      List<Long> sizes = new ArrayList<>();
      for (Circuit c : inputs) {
        int j = i - (rank - c.rank());
        if (j >= 0 && c.shape().get(j) != 1) {
          sizes.add(c.shape().get(j));
        }
      }
      full[i] = nonSymbolic(sizes);
    }
    List<Circuit> out = new ArrayList<>();
    for (Circuit c : inputs) {
      out.add(SetSymbolicShape.someSetAndSymbolicNeq(c,
          Arrays.copyOfRange(full, rank - c.rank(), rank), null));
    }
    return out;
  }

  /** Concat operands with symbolic sizes set to a common size on every dim but the axis. */
  private static List<Circuit> setSymbolicExceptAxis(List<Circuit> inputs, int axis) {
    int rank = inputs.get(0).rank();
    if (inputs.stream().anyMatch(c -> c.rank() != rank)) {
      return inputs;
    }
    Long[] full = new Long[rank];
    for (int i = 0; i < rank; i++) {
      if (i != axis) {
        int dim = i;
        full[i] = nonSymbolic(inputs.stream().map(c -> c.shape().get(dim)).toList());
      }
    }
    return inputs.stream().map(c -> SetSymbolicShape.someSetAndSymbolicNeq(c, full, null))
        .toList();
  }

  private static Circuit rename(Circuit built, Circuit old) {
    return built.rename(old.name()).withUseAutoname(old.useAutoname());
  }
}
