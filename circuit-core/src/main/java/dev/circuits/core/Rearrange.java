package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.List;

/** einops-style repeat/reshape/permute of one child; the spec is stored as given. */
public final class Rearrange extends Circuit {
  private final RearrangeSpec spec;

  private Rearrange(Circuit node, RearrangeSpec spec, Naming naming) {
    super(List.of(node), shapeOf(node, spec), naming,
        () -> AutoNames.postfix(Kind.REARRANGE, node, "rearrange"));
    this.spec = spec;
  }

  private static Shape shapeOf(Circuit node, RearrangeSpec spec) {
    try {
      return spec.outputShape(node.shape());
    } catch (ConstructException e) {
      throw new ConstructException(ConstructException.Rule.REARRANGE_WRONG_INPUT_SHAPE,
          "Rearrange of " + node.describe() + ": " + e.getMessage());
    }
  }

  /** Rearranges {@code node} by {@code spec}. */
  public static Rearrange of(Circuit node, RearrangeSpec spec, String name) {
    return new Rearrange(node, spec, Naming.of(name));
  }

  /** Rearranges {@code node} by a spec string such as {@code "a b -> b a"}. */
  public static Rearrange fromString(Circuit node, String spec, String name) {
    return of(node, RearrangeSpec.parse(spec), name);
  }

  /** Reshapes {@code node} to {@code shape} (same element count). */
  public static Rearrange reshape(Circuit node, Shape shape, String name) {
    int[][] in = new int[node.rank()][];
    long[] sizes = new long[node.rank() + shape.rank()];
    java.util.Arrays.fill(sizes, RearrangeSpec.NONE);
    int[] all = new int[node.rank()];
    for (int i = 0; i < node.rank(); i++) {
      in[i] = new int[] {i};
      all[i] = i;
      sizes[i] = node.shape().get(i);
    }
    // flatten all input ints into one group then split by the new sizes
    int[][] mid = {all};
    RearrangeSpec flatten = RearrangeSpec.of(in, mid, java.util.Arrays.copyOf(sizes, node.rank()));
    Circuit flat = of(node, flatten, null);
    int[][] in2 = new int[1][shape.rank()];
    int[][] out2 = new int[shape.rank()][];
    long[] sizes2 = new long[shape.rank()];
    for (int i = 0; i < shape.rank(); i++) {
      in2[0][i] = i;
      out2[i] = new int[] {i};
      sizes2[i] = shape.get(i);
    }
    return of(flat, RearrangeSpec.of(in2, out2, sizes2), name);
  }

  @Override
  public Kind kind() {
    return Kind.REARRANGE;
  }

  /** The spec as given. */
  public RearrangeSpec spec() {
    return spec;
  }

  /** The spec with all sizes filled in from the child's shape. */
  public RearrangeSpec conformedSpec() {
    return spec.conformToInputShape(child(0).shape());
  }

  /** The rearranged node. */
  public Circuit node() {
    return child(0);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.bytes(spec.hashBytes());
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Rearrange(newChildren.get(0), spec, naming);
  }
}
