package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.HashKey;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Simplification rules for Add nodes, in rust_circuit's order. */
final class AddRules {
  private AddRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("remove_add_few_input", true, AddRules::removeAddFewInput),
        rule("add_flatten", false, AddRules::addFlatten),
        rule("add_elim_zeros", true, AddRules::addElimZeros),
        rule("add_collapse_scalar_inputs", false, AddRules::addCollapseScalarInputs),
        rule("add_deduplicate", true, AddRules::addDeduplicate),
        rule("add_fuse_scalar_multiples", false, AddRules::addFuseScalarMultiples),
        rule("add_elim_removable_axes_weak", true, AddRules::addElimRemovableAxesWeak));
  }

  private static SimpRule rule(String name, boolean dflt, Function<Add, RuleResult> body) {
    return SimpRule.of(name, Kind.ADD, Add.class, dflt, body);
  }

  private static Circuit rebuild(Add like, List<Circuit> children) {
    return Names.keep(Add.of(children, like.name()), like);
  }

  static RuleResult removeAddFewInput(Add a) {
    if (a.numChildren() == 0) {
      return RuleResult.applied(Names.keep(Scalar.of(0.0, a.shape(), a.name()), a));
    }
    if (a.numChildren() == 1) {
      return RuleResult.applied(a.child(0));
    }
    return RuleResult.no(() -> a.describe() + " has " + a.numChildren() + " children, not 0 or 1");
  }

  static RuleResult addFlatten(Add a) {
    List<Circuit> ops = new ArrayList<>();
    boolean did = false;
    for (Circuit c : a.children()) {
      if (c instanceof Add inner) {
        ops.addAll(inner.children());
        did = true;
      } else {
        ops.add(c);
      }
    }
    return did ? RuleResult.applied(rebuild(a, ops))
        : RuleResult.no(() -> "no child of " + a.describe() + " is an Add");
  }

  static RuleResult addElimZeros(Add a) {
    List<Circuit> ops = new ArrayList<>();
    for (Circuit c : a.children()) {
      if (!(c instanceof Scalar s && s.isZero())) {
        ops.add(c);
      }
    }
    if (ops.size() == a.numChildren()) {
      return RuleResult.no(() -> "no child of " + a.describe() + " is a zero Scalar");
    }
    Circuit out = rebuild(a, ops);
    return out.shape().equals(a.shape()) ? RuleResult.applied(out)
        : RuleResult.no(() -> "dropping the zero Scalars of " + a.describe()
            + " would change its broadcast shape");
  }

  static RuleResult addCollapseScalarInputs(Add a) {
    List<Circuit> ops = new ArrayList<>();
    double sum = 0;
    int scalars = 0;
    for (Circuit c : a.children()) {
      if (c instanceof Scalar s) {
        sum += s.value();
        scalars++;
      } else {
        ops.add(c);
      }
    }
    if (scalars <= 1) {
      return RuleResult.no(() -> a.describe() + " has fewer than two Scalar children");
    }
    ops.add(Scalar.of(sum, a.shape(), null));
    return RuleResult.applied(rebuild(a, ops));
  }

  static RuleResult addDeduplicate(Add a) {
    Map<HashKey, Circuit> nodes = new LinkedHashMap<>();
    Map<HashKey, Integer> counts = new HashMap<>();
    for (Circuit c : a.children()) {
      nodes.putIfAbsent(HashKey.of(c), c);
      counts.merge(HashKey.of(c), 1, Integer::sum);
    }
    if (nodes.size() == a.numChildren()) {
      return RuleResult.no(() -> "the children of " + a.describe() + " are distinct");
    }
    List<Circuit> ops = new ArrayList<>();
    nodes.forEach((k, c) -> {
      int n = counts.get(k);
      ops.add(n == 1 ? c : Einsum.scalarMul(c,
          Scalar.of(n, Shape.scalar(), c.isNamed() ? "count_from_dedup" : null),
          Names.suffixed(c.name(), "_mul_count")));
    });
    return RuleResult.applied(rebuild(a, ops));
  }

  /** A child seen as {@code base * scalar}: base is an Einsum without rank-0 Scalars, or the child. */
  private record Term(Circuit base, double scalar, String scalarName, boolean constant) {}

  private static Term term(Circuit c) {
    if (c instanceof Scalar s && s.rank() == 0) {
      return new Term(null, s.value(), s.name(), true);
    }
    if (!(c instanceof Einsum e)) {
      return new Term(c, 1.0, null, false);
    }
    double scalar = 1.0;
    String name = null;
    List<Einsum.Arg> kept = new ArrayList<>();
    for (Einsum.Arg arg : e.args()) {
      if (arg.circuit() instanceof Scalar s && s.rank() == 0) {
        scalar *= s.value();
        if (s.isNamed()) {
          name = name == null ? s.name() : name + " + " + s.name();
        }
      } else {
        kept.add(arg);
      }
    }
    return new Term(Names.keep(Einsum.of(kept, e.outAxes(), e.name()), e), scalar, name, false);
  }

  /** Rank-0 Scalar operands of an Einsum child (bare Scalars do not count, as in rust). */
  private static int countScalars(Circuit c) {
    if (c instanceof Einsum e) {
      return (int) e.children().stream().filter(x -> x instanceof Scalar && x.rank() == 0).count();
    }
    return 0;
  }

  static RuleResult addFuseScalarMultiples(Add a) {
    int reduced = a.children().stream().mapToInt(AddRules::countScalars).sum();
    if (a.children().stream().noneMatch(c -> c instanceof Einsum) || reduced <= 1) {
      return RuleResult.no(() -> a.describe() + " has no two scalar multiples to fuse");
    }
    HashKey constantKey = new HashKey(new byte[0]);
    Map<HashKey, Term> merged = new LinkedHashMap<>();
    for (Circuit c : a.children()) {
      Term t = term(c);
      merged.merge(t.constant() ? constantKey : HashKey.of(t.base()), t, (x, y) -> new Term(
          x.base(), x.scalar() + y.scalar(), x.scalarName() != null ? x.scalarName()
              : y.scalarName(), x.constant()));
    }
    if (merged.size() == a.numChildren()) {
      return RuleResult.no(() -> "no two children of " + a.describe()
          + " are scalar multiples of the same term");
    }
    List<Circuit> ops = new ArrayList<>();
    for (Term t : merged.values()) {
      ops.add(multiple(t));
    }
    return RuleResult.applied(rebuild(a, ops));
  }

  private static Circuit multiple(Term t) {
    if (t.constant()) {
      return Scalar.of(t.scalar(), Shape.scalar(), t.scalarName());
    }
    if (t.scalar() == 1.0) {
      return t.base();
    }
    Scalar s = Scalar.of(t.scalar(), Shape.scalar(), t.scalarName());
    if (t.base() instanceof Einsum e) {
      List<Einsum.Arg> args = new ArrayList<>(e.args());
      args.add(new Einsum.Arg(s, new int[0]));
      return Names.keep(Einsum.of(args, e.outAxes(), e.name()), e);
    }
    return Einsum.scalarMul(t.base(), s, null);
  }

  static RuleResult addElimRemovableAxesWeak(Add a) {
    Map<Integer, Set<Integer>> inputs = new HashMap<>();
    Map<Integer, Map<Integer, Boolean>> removable = new HashMap<>();
    for (int i = 0; i < a.numChildren(); i++) {
      Circuit c = a.child(i);
      int rd = a.rank() - c.rank();
      Set<Integer> rem = RemovableAxes.of(c);
      for (int j = 0; j < c.rank(); j++) {
        if (c.shape().get(j) != a.shape().get(j + rd)) {
          continue;
        }
        inputs.computeIfAbsent(j + rd, k -> new HashSet<>()).add(i);
        if (rem.contains(j)) {
          removable.computeIfAbsent(j + rd, k -> new HashMap<>()).put(i, c instanceof Scalar);
        }
      }
    }
    keepUnambiguous(removable, inputs);
    if (removable.isEmpty()) {
      return RuleResult.no(() -> "no axis of a child of " + a.describe()
          + " is both removable and provided by another child");
    }
    List<Circuit> ops = new ArrayList<>();
    for (int i = 0; i < a.numChildren(); i++) {
      Circuit c = a.child(i);
      int rd = a.rank() - c.rank();
      Set<Integer> axes = new HashSet<>();
      for (int j = 0; j < c.rank(); j++) {
        Map<Integer, Boolean> r = removable.get(j + rd);
        if (r == null || !r.containsKey(i)) {
          break; // only a leading run of axes can go: Add broadcasting is right-aligned
        }
        axes.add(j);
      }
      ops.add(RemovableAxes.removeWeak(c, axes));
    }
    return RuleResult.applied(rebuild(a, ops));
  }

  /**
   * Drops entries where every input is removable and all are alike (ambiguous which to remove);
   * where scalars and non-scalars are all removable, keeps only the scalars.
   */
  static void keepUnambiguous(Map<Integer, Map<Integer, Boolean>> removable,
      Map<Integer, Set<Integer>> inputs) {
    removable.entrySet().removeIf(e -> {
      Map<Integer, Boolean> v = e.getValue();
      if (v.size() != inputs.get(e.getKey()).size()) {
        return false;
      }
      if (v.values().stream().distinct().count() == 1) {
        return true;
      }
      v.values().removeIf(isScalar -> !isScalar);
      return false;
    });
  }
}
