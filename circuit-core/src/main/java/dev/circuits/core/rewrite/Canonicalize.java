package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;
import dev.circuits.core.match.CircuitManipulation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * rust_circuit's {@code canonicalize_node} / {@code deep_canonicalize}: a normal form for comparing
 * circuits modulo operand order and spec spelling. Rearrange specs are conformed and canonicalised,
 * Index entries made explicit, Add children and Einsum operands sorted by (numel descending, node
 * type, hash), and Einsum ints renumbered by first appearance. Names are kept.
 */
public final class Canonicalize {
  /** The sort order of Add children and Einsum operands. */
  static final Comparator<Circuit> ORDER = Comparator
      .comparingLong((Circuit c) -> -c.shape().numel())
      .thenComparing(c -> c.kind().displayName())
      .thenComparing(Circuit::hash, Arrays::compareUnsigned);

  private Canonicalize() {}

  /** {@code c} in canonical form at its root only (children unchanged). */
  public static Circuit canonicalize(Circuit c) {
    Circuit out = switch (c.kind()) {
      case REARRANGE -> Rearrange.of(((Rearrange) c).node(),
          RearrangeSpecs.canonicalize(((Rearrange) c).conformedSpec(), true), c.name());
      case INDEX -> Index.of(((Index) c).node(),
          Indices.canonicalize(((Index) c).index(), ((Index) c).node().shape()), c.name());
      case ADD -> {
        List<Circuit> kids = new ArrayList<>(c.children());
        kids.sort(ORDER);
        yield Add.of(kids, c.name());
      }
      case EINSUM -> {
        List<Einsum.Arg> args = new ArrayList<>(((Einsum) c).args());
        args.sort(Comparator.comparing(Einsum.Arg::circuit, ORDER));
        yield EinsumInts.normalize(Einsum.of(args, ((Einsum) c).outAxes(), c.name()));
      }
      default -> c;
    };
    return out == c ? c : Names.keep(out, c);
  }

  /**
   * rust_circuit's {@code normalize_node}: Rearrange specs canonicalised as given (not conformed,
   * size-1 ints kept) and Einsum ints renumbered by first appearance; operand order is kept.
   */
  public static Circuit normalize(Circuit c) {
    Circuit out = switch (c.kind()) {
      case REARRANGE -> Rearrange.of(((Rearrange) c).node(),
          RearrangeSpecs.canonicalize(((Rearrange) c).spec(), false), c.name());
      case EINSUM -> EinsumInts.normalize((Einsum) c);
      default -> c;
    };
    return out == c ? c : Names.keep(out, c);
  }

  /** Every node of {@code c} normalised ({@link #normalize}). */
  public static Circuit deepNormalize(Circuit c) {
    return CircuitManipulation.deepMap(c, Canonicalize::normalize);
  }

  /** Every node of {@code c} in canonical form (bottom-up, memoised by hash). */
  public static Circuit deepCanonicalize(Circuit c) {
    return CircuitManipulation.deepMap(c, Canonicalize::canonicalize);
  }
}
