package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.Shape;
import dev.circuits.core.Tag;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.spec.TensorIndex.Axis;
import dev.circuits.core.spec.TensorIndex.Single;
import dev.circuits.core.spec.TensorIndex.Slice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rust_circuit's {@code push_down_index}: moves an Index towards the leaves through Add, Concat
 * (reading only the parts it needs), GeneralFunction (batch dims), Einsum, Rearrange, Scatter, Tag,
 * DiscreteVar, Scalar and Module arguments, as far as a traversal allows. Example:
 * {@code PushDownIndex.pushDownIndex(Index.of(add, TensorIndex.of(TensorIndex.at(0)), null))}
 * indexes each summand instead of their sum.
 */
public final class PushDownIndex {
  /** The rewrite name used in exceptions. */
  public static final String NAME = "push_down_index";

  private final boolean allowPartial;
  private final String suffix;
  private final boolean elimIdentity;
  private final boolean fuseIndices;
  private final Map<Key, Circuit> memo = new HashMap<>();

  private record Key(HashKey hash, IterativeMatcher traversal) {}

  private PushDownIndex(boolean allowPartial, String suffix, boolean elimIdentity,
      boolean fuseIndices) {
    this.allowPartial = allowPartial;
    this.suffix = suffix;
    this.elimIdentity = elimIdentity;
    this.fuseIndices = fuseIndices;
  }

  /** rust_circuit's default traversal: everything, stopping at Index and Array nodes. */
  public static IterativeMatcher defaultTraversal() {
    return IterativeMatcher.newTraversal(null, null, Matcher.ofKind(Kind.INDEX, Kind.ARRAY));
  }

  /** Pushes {@code index} down the default traversal; no partial push-downs. */
  public static Circuit pushDownIndex(Index index) {
    return pushDownIndex(index, defaultTraversal(), null, false, true);
  }

  /**
   * Pushes {@code index} down as far as {@code traversal} allows. New Index nodes are named
   * {@code "{child}_idx_{suffix}"} when {@code suffix} is given (else auto-named); rebuilt nodes
   * keep their name (plus {@code suffix}). With {@code allowPartial}, what cannot be pushed stays
   * above the node that blocks it; otherwise that is an error. With {@code elimIdentity}, identity
   * indices vanish. Throws {@link RewriteNotApplicableException} when nothing can be pushed.
   */
  public static Circuit pushDownIndex(Index index, IterativeMatcher traversal, String suffix,
      boolean allowPartial, boolean elimIdentity) {
    return checkChanged(index, new PushDownIndex(allowPartial, suffix, elimIdentity, false)
        .push(index, traversal));
  }

  /**
   * Partial push-down that also fuses with Index nodes it meets (index_fuse) and keeps going, for
   * {@link BatchToConcat}; the traversal should not depend on depth.
   */
  static Circuit pushDownFusing(Index index, IterativeMatcher traversal) {
    return checkChanged(index, new PushDownIndex(true, null, true, true).push(index, traversal));
  }

  private static Circuit checkChanged(Index index, Circuit out) {
    if (out.equals(index)) {
      throw new RewriteNotApplicableException(NAME, "nothing of " + index.describe() + " "
          + index.index() + " can be pushed into " + index.node().describe()
          + " within the traversal");
    }
    return out;
  }

  /** Pushes {@code index} one level down (below its child); throws when that is impossible. */
  public static Circuit pushDownIndexOnce(Index index, boolean allowPartial, String suffix) {
    PushDownIndex p = new PushDownIndex(allowPartial, suffix, false, false);
    return p.raw(index, (i, sub) -> sub);
  }

  /** One level down with partial push-downs allowed, or empty when impossible. */
  public static Optional<Circuit> pushDownIndexOp(Index index) {
    try {
      return Optional.of(pushDownIndexOnce(index, true, null));
    } catch (RewriteNotApplicableException e) {
      return Optional.empty();
    }
  }

  private Circuit push(Index index, IterativeMatcher traversal) {
    Key key = new Key(HashKey.of(index), traversal);
    Circuit done = memo.get(key);
    if (done != null) {
      return done;
    }
    Circuit out = pushUncached(index, traversal);
    memo.put(key, out);
    return out;
  }

  private Circuit pushUncached(Index index, IterativeMatcher traversal) {
    if (elimIdentity && Indices.isIdentity(index.index().axes(), index.node().shape())) {
      return index.node();
    }
    List<IterativeMatcher> below = TraversalSteps.below(traversal, index.node());
    if (below == null) {
      return index;
    }
    try {
      return raw(index, (i, sub) -> sub instanceof Index ix ? push(ix, below.get(i)) : sub);
    } catch (RewriteNotApplicableException e) {
      if (allowPartial) {
        return index;
      }
      throw e;
    }
  }

  /** Continues the push into child {@code childIndex} with the new Index {@code sub}. */
  private interface Sub {
    Circuit push(int childIndex, Circuit sub);
  }

  private RewriteNotApplicableException no(Index node, String why) {
    return new RewriteNotApplicableException(NAME, "cannot push " + node.describe() + " "
        + node.index() + " into " + node.node().describe() + ": " + why);
  }

  /** One level of push-down (rust's {@code push_down_index_raw}). */
  Circuit raw(Index node, Sub sub) {
    Circuit inner = node.node();
    List<Axis> ix = new ArrayList<>();
    for (Axis a : Indices.full(node.index(), inner.shape())) {
      ix.add(Indices.canonical(a, inner.shape().get(ix.size())));
    }
    String outName = suffix == null ? inner.name() : Names.suffixed(inner.name(), suffix);
    Ctx ctx = new Ctx(node, ix, outName, sub);
    return switch (inner.kind()) {
      case ADD -> ctx.add((Add) inner);
      case CONCAT -> ctx.concat((Concat) inner);
      case GENERAL_FUNCTION -> ctx.generalFunction((GeneralFunction) inner);
      case EINSUM -> ctx.einsum((Einsum) inner);
      case REARRANGE -> ctx.rearrange((Rearrange) inner);
      case SCATTER -> ctx.scatter((Scatter) inner);
      case TAG -> Tag.of(ctx.sub(0, inner.child(0), TensorIndex.of(ix), null),
          ((Tag) inner).uuid(), outName);
      case DISCRETE_VAR -> ctx.discreteVar((DiscreteVar) inner);
      case SCALAR -> Scalar.of(((Scalar) inner).value(), node.shape(), node.name());
      case MODULE -> ctx.module((Module) inner);
      case INDEX -> {
        if (!fuseIndices) {
          throw no(node, "an Index cannot be pushed through another Index (fuse them with"
              + " index_fuse instead)");
        }
        Index in = (Index) inner;
        yield ctx.sub(0, in.node(), Indices.compose(TensorIndex.of(ix), in.index(),
            in.node().shape()), node.name());
      }
      case ARRAY, SYMBOL -> throw no(node, "a " + inner.kind().displayName()
          + " is a leaf");
      case SET_SYMBOLIC_SHAPE -> throw no(node, "a SetSymbolicShape constrains its child's "
          + "shape; substitute and conform modules first");
    };
  }

  /** State of one push: the node, its full canonical index and the output name. */
  private final class Ctx {
    final Index node;
    final List<Axis> ix;
    final String outName;
    final Sub sub;

    Ctx(Index node, List<Axis> ix, String outName, Sub sub) {
      this.node = node;
      this.ix = ix;
      this.outName = outName;
      this.sub = sub;
    }

    Circuit sub(int childIndex, Circuit child, TensorIndex index, String forceName) {
      String name = forceName != null ? forceName
          : (suffix != null && child.isNamed() ? child.name() + "_idx_" + suffix : null);
      return sub.push(childIndex, Index.of(child, index, name));
    }

    String partialName() {
      return suffix == null ? null : Names.suffixed(node.node().name(), "_partial_" + suffix);
    }

    Circuit add(Add inner) {
      List<Circuit> ops = new ArrayList<>();
      for (int i = 0; i < inner.numChildren(); i++) {
        Circuit op = inner.child(i);
        int rd = inner.rank() - op.rank();
        List<Axis> here = new ArrayList<>();
        for (int a = 0; a < op.rank(); a++) {
          Axis x = ix.get(a + rd);
          if (op.shape().get(a) == inner.shape().get(a + rd)) {
            here.add(x);
          } else {
            here.add(x instanceof Single ? new Single(0) : Slice.ALL);
          }
        }
        ops.add(sub(i, op, TensorIndex.of(here), null));
      }
      return Add.of(ops, outName);
    }

    Circuit concat(Concat inner) {
      int axis = inner.axis();
      List<Axis> nonAxis = new ArrayList<>(ix);
      nonAxis.set(axis, Slice.ALL);
      long[] sections = new long[inner.numChildren()];
      for (int i = 0; i < sections.length; i++) {
        sections[i] = inner.child(i).shape().get(axis);
      }
      Axis onAxis = ix.get(axis);
      List<Axis> parts = Indices.splitOverSections(onAxis, sections, NAME);
      if (parts == null && !allowPartial) {
        throw no(node, "a tensor index on the concatenated axis " + axis
            + " needs allow_partial_pushdown");
      }
      if (parts == null && Indices.isIdentity(nonAxis, inner.shape())) {
        throw no(node, "only the concatenated axis is indexed, by a tensor");
      }
      int newAxis = axis - (int) ix.subList(0, axis).stream().filter(a -> a instanceof Single)
          .count();
      if (parts != null) {
        if (onAxis instanceof Single) {
          for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) != null) {
              List<Axis> here = new ArrayList<>(nonAxis);
              here.set(axis, parts.get(i));
              return sub(i, inner.child(i), TensorIndex.of(here), outName);
            }
          }
        }
        List<Circuit> kids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          if (parts.get(i) != null) {
            List<Axis> here = new ArrayList<>(nonAxis);
            here.set(axis, parts.get(i));
            kids.add(sub(i, inner.child(i), TensorIndex.of(here), null));
          }
        }
        return Concat.of(kids, newAxis, outName);
      }
      List<Circuit> kids = new ArrayList<>();
      for (int i = 0; i < inner.numChildren(); i++) {
        kids.add(sub(i, inner.child(i), TensorIndex.of(nonAxis), null));
      }
      Concat c = Concat.of(kids, newAxis, outName);
      return Index.of(c, Indices.single(onAxis, newAxis, c.rank()), partialName());
    }

    Circuit generalFunction(GeneralFunction inner) {
      GeneralFunctionSpec.ShapeInfo info = inner.shapeInfo();
      int nb = info.numNonBatchableOutputDims();
      boolean batchable = info.inputBatchability().stream().anyMatch(b -> b);
      if (!batchable || nb == inner.rank()) {
        throw no(node, inner.spec().fnName() + " has no batch dims to index");
      }
      int rankToPass = inner.rank() - nb;
      List<Circuit> kids = new ArrayList<>();
      for (int i = 0; i < inner.numChildren(); i++) {
        Circuit child = inner.child(i);
        if (info.inputBatchability().get(i)) {
          List<Axis> here = new ArrayList<>(ix.subList(0, rankToPass));
          while (here.size() < child.rank()) {
            here.add(Slice.ALL);
          }
          kids.add(sub(i, child, TensorIndex.of(here), null));
        } else {
          kids.add(child);
        }
      }
      Circuit gf = GeneralFunction.of(inner.spec(), kids, outName);
      return remaining(rankToPass, gf, inner.spec().fnName() + "'s own (non-batch) dims");
    }

    /** Keeps the entries past {@code rankToPass} above {@code built} (partial) or fails. */
    Circuit remaining(int rankToPass, Circuit built, String what) {
      int passedNow = rankToPass - (int) ix.subList(0, rankToPass).stream()
          .filter(a -> a instanceof Single).count();
      List<Axis> top = ix.subList(rankToPass, ix.size());
      if (Indices.isIdentity(top, built.shape().drop(passedNow))) {
        return built;
      }
      if (!allowPartial) {
        throw no(node, "entries " + top + " index " + what + " (allow partial push-down to keep"
            + " them above)");
      }
      List<Axis> here = new ArrayList<>();
      for (int i = 0; i < passedNow; i++) {
        here.add(Slice.ALL);
      }
      here.addAll(top);
      return Index.of(built, TensorIndex.of(here), partialName());
    }

    Circuit einsum(Einsum inner) {
      int[] out = inner.outAxes();
      Map<Integer, Optional<Axis>> intIdx = new HashMap<>();
      for (int o = 0; o < out.length; o++) {
        intIdx.put(out[o], intIdx.containsKey(out[o]) ? Optional.empty()
            : Optional.of(ix.get(o)));
      }
      boolean nontrivial = false;
      List<Einsum.Arg> args = new ArrayList<>();
      for (int k = 0; k < inner.numChildren(); k++) {
        Circuit op = inner.child(k);
        int[] ints = inner.inAxes(k);
        List<Axis> here = new ArrayList<>();
        for (int i : ints) {
          here.add(axisOf(intIdx, i));
        }
        nontrivial |= !Indices.isIdentity(here, op.shape());
        args.add(new Einsum.Arg(sub(k, op, TensorIndex.of(here), null), withoutSingles(ints,
            intIdx)));
      }
      if (!nontrivial) {
        throw no(node, "the index only touches repeated output axes, which stay above");
      }
      Einsum e = Einsum.of(args, withoutSingles(out, intIdx), outName);
      List<Axis> outIndex = new ArrayList<>();
      for (int o = 0; o < out.length; o++) {
        Optional<Axis> x = intIdx.get(out[o]);
        if (x.isEmpty()) {
          outIndex.add(ix.get(o));
        } else if (!(x.get() instanceof Single)) {
          outIndex.add(Slice.ALL);
        }
      }
      if (Indices.isIdentity(outIndex, e.shape())) {
        return e;
      }
      if (!allowPartial) {
        throw no(node, "repeated output axes of the Einsum are indexed by " + outIndex
            + " (allow partial push-down to keep that above)");
      }
      return Index.of(e, TensorIndex.of(outIndex), partialName());
    }

    private Axis axisOf(Map<Integer, Optional<Axis>> intIdx, int i) {
      Optional<Axis> x = intIdx.get(i);
      return x == null || x.isEmpty() ? Slice.ALL : x.get();
    }

    private int[] withoutSingles(int[] ints, Map<Integer, Optional<Axis>> intIdx) {
      return java.util.Arrays.stream(ints).filter(i -> !(axisOf(intIdx, i) instanceof Single))
          .toArray();
    }

    Circuit rearrange(Rearrange inner) {
      RearrangeSpec spec = RearrangeSpecs.canonicalize(inner.conformedSpec(), true);
      Optional<RearrangeSpecs.IndexedSpec> r = RearrangeSpecs.indexBefore(spec, ix);
      if (r.isEmpty()) {
        throw no(node, "a merged axis of rearrange '" + inner.spec() + "' is indexed by"
            + " something other than one position or ':'");
      }
      Circuit child = sub(0, inner.node(), r.get().before(), null);
      RearrangeSpec after = r.get().spec();
      return RearrangeSpecs.isIdentity(after) ? child : Rearrange.of(child, after, outName);
    }

    Circuit scatter(Scatter inner) {
      List<Axis> outer = new ArrayList<>();
      List<Axis> slices = new ArrayList<>();
      List<Long> shape = new ArrayList<>();
      List<Axis> passed = new ArrayList<>();
      boolean did = false;
      for (int a = 0; a < inner.rank(); a++) {
        Slice bottom = (Slice) inner.index().axes().get(a);
        long l = inner.shape().get(a);
        Axis top = ix.get(a);
        if (top instanceof Single s && s.index() == 0 && Indices.start(bottom, l) == 0
            && Indices.stop(bottom, l) == 1) {
          did = true;
          passed.add(top);
        } else {
          outer.add(top);
          slices.add(bottom);
          shape.add(l);
          passed.add(Slice.ALL);
        }
      }
      if (!did) {
        throw no(node, "only position 0 of a scattered [0:1] axis can be pushed into a Scatter");
      }
      Circuit child = sub(0, inner.node(), TensorIndex.of(passed), null);
      Scatter s = Scatter.of(child, TensorIndex.of(slices), Shape.of(shape), outName);
      if (Indices.isIdentity(outer, s.shape())) {
        return s;
      }
      if (!allowPartial) {
        throw no(node, "entries " + outer + " stay on the Scatter (allow partial push-down)");
      }
      return Index.of(s, TensorIndex.of(outer), partialName());
    }

    Circuit discreteVar(DiscreteVar inner) {
      List<Axis> here = new ArrayList<>();
      here.add(Slice.ALL);
      here.addAll(ix);
      return DiscreteVar.of(sub(0, inner.values(), TensorIndex.of(here), null),
          inner.probsAndGroup(), outName);
    }

    Circuit module(Module m) {
      int k = m.rank() - m.spec().circuit().rank();
      List<Circuit> args = new ArrayList<>();
      List<ModuleArgSpec> specs = m.spec().argSpecs();
      for (int i = 0; i < specs.size(); i++) {
        Circuit arg = m.args().get(i);
        int symRank = specs.get(i).symbol().rank();
        int start = k - (arg.rank() - symRank);
        List<Axis> here = new ArrayList<>(ix.subList(start, k));
        for (int j = 0; j < symRank; j++) {
          here.add(Slice.ALL);
        }
        args.add(sub(i + 1, arg, TensorIndex.of(here), null));
      }
      Circuit mod = Module.of(m.spec(), args, outName);
      return remaining(k, mod, "the module's spec circuit (substitute the module to push into"
          + " it)");
    }
  }
}
