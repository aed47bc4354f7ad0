package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Einstein summation over integer-labelled axes. Repeated ints within an input take its diagonal;
 * repeated output ints build a diagonal; an int missing from the output is summed.
 */
public final class Einsum extends Circuit {
  /** One operand: a circuit and the axis int of each of its dims. */
  public record Arg(Circuit circuit, int[] axes) {
    /** Validates that axes are in 0..255. */
    public Arg {
      axes = axes.clone();
      for (int a : axes) {
        if (a < 0 || a > 255) {
          throw new ConstructException(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
              "einsum axis int " + a + " out of range 0..255");
        }
      }
    }

    @Override
    public int[] axes() {
      return axes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Arg a && a.circuit.equals(circuit) && Arrays.equals(a.axes, axes);
    }

    @Override
    public int hashCode() {
      return circuit.hashCode() * 31 + Arrays.hashCode(axes);
    }
  }

  private final int[][] inAxes;
  private final int[] outAxes;

  private Einsum(List<Arg> args, int[] outAxes, Naming naming) {
    super(args.stream().map(Arg::circuit).collect(Collectors.toList()), shapeOf(args, outAxes,
        naming.name()), naming, () -> AutoNames.infix(Kind.EINSUM, " * ",
            args.stream().map(Arg::circuit).collect(Collectors.toList())));
    this.inAxes = args.stream().map(a -> a.axes).toArray(int[][]::new);
    this.outAxes = outAxes.clone();
  }

  private static Shape shapeOf(List<Arg> args, int[] outAxes, String name) {
    Map<Integer, Long> sizes = new HashMap<>();
    String who = "Einsum " + (name == null ? "<unnamed>" : "'" + name + "'");
    for (int k = 0; k < args.size(); k++) {
      Arg a = args.get(k);
      Shape s = a.circuit().shape();
      if (s.rank() != a.axes.length) {
        throw new ConstructException(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
            who + ": operand " + k + " " + a.circuit().describe() + " has rank " + s.rank()
                + " but axes " + Arrays.toString(a.axes));
      }
      for (int i = 0; i < a.axes.length; i++) {
        Long prev = sizes.putIfAbsent(a.axes[i], s.get(i));
        if (prev != null && prev != s.get(i)) {
          throw new ConstructException(ConstructException.Rule.EINSUM_AXIS_SIZE_DIFFERENT,
              who + ": axis int " + a.axes[i] + " has size " + prev + " and " + s.get(i)
                  + " (operand " + k + " " + a.circuit().describe() + ")");
        }
      }
    }
    long[] out = new long[outAxes.length];
    for (int i = 0; i < outAxes.length; i++) {
      Long sz = sizes.get(outAxes[i]);
      if (sz == null) {
        throw new ConstructException(ConstructException.Rule.EINSUM_OUTPUT_AXIS_NOT_IN_INPUT,
            who + ": output axis int " + outAxes[i] + " appears in no input");
      }
      out[i] = sz;
    }
    return Shape.of(out);
  }

  /** An einsum over explicit args. */
  public static Einsum of(List<Arg> args, int[] outAxes, String name) {
    return new Einsum(args, outAxes, Naming.of(name));
  }

  /**
   * An einsum from a string such as {@code "ab,bc->ac"} (letters are ALPHABET positions) over
   * {@code nodes}. Example: {@code Einsum.fromString("ab,bc->ac", List.of(x, w), "xw")}.
   */
  public static Einsum fromString(String spec, List<Circuit> nodes, String name) {
    String[] sides = spec.split("->", -1);
    if (sides.length != 2) {
      throw new ConstructException(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
          "einsum string '" + spec + "' must contain exactly one '->'");
    }
    String[] ins = sides[0].split(",", -1);
    List<int[]> inInts = new ArrayList<>();
    for (String s : ins) {
      inInts.add(lettersToInts(s, spec));
    }
    if (inInts.size() == 1 && inInts.get(0).length == 0 && nodes.size() == 0) {
      inInts.clear();
    }
    if (inInts.size() != nodes.size()) {
      throw new ConstructException(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
          "einsum string '" + spec + "' has " + inInts.size() + " operands but " + nodes.size()
              + " nodes were given");
    }
    List<Arg> args = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      args.add(new Arg(nodes.get(i), inInts.get(i)));
    }
    return of(args, lettersToInts(sides[1], spec), name);
  }

  private static int[] lettersToInts(String s, String whole) {
    return s.chars().filter(c -> c != ' ').map(c -> {
      int i = RearrangeSpec.ALPHABET.indexOf(c);
      if (i < 0) {
        throw new ConstructException(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
            "einsum string '" + whole + "' has invalid axis letter '" + (char) c + "'");
      }
      return i;
    }).toArray();
  }

  /** {@code x * s} for a rank-0 scalar-like {@code s}. */
  public static Einsum scalarMul(Circuit x, Circuit scalar, String name) {
    int[] axes = new int[x.rank()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return of(List.of(new Arg(x, axes), new Arg(scalar, new int[0])), axes, name);
  }

  /** Elementwise product of nodes with numpy broadcasting (size-1 dims are squeezed first). */
  public static Einsum elementwiseBroadcasted(List<Circuit> nodes, String name) {
    int outRank = nodes.stream().mapToInt(Circuit::rank).max().orElse(0);
    long[] outShape = new long[outRank];
    Arrays.fill(outShape, 1);
    for (Circuit n : nodes) {
      int off = outRank - n.rank();
      for (int i = 0; i < n.rank(); i++) {
        long d = n.shape().get(i);
        if (d != 1) {
          if (outShape[off + i] != 1 && outShape[off + i] != d) {
            throw new ConstructException(ConstructException.Rule.ADD_NO_BROADCAST,
                "cannot broadcast " + n.describe() + " to " + Arrays.toString(outShape));
          }
          outShape[off + i] = d;
        }
      }
    }
    List<Arg> args = new ArrayList<>();
    for (Circuit n : nodes) {
      int off = outRank - n.rank();
      List<Integer> keep = new ArrayList<>();
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < n.rank(); i++) {
        if (n.shape().get(i) != 1 || outShape[off + i] == 1) {
          keep.add(i);
          axes.add(off + i);
        }
      }
      Circuit c = n;
      if (keep.size() != n.rank()) {
        c = Rearrange.of(n, squeezeSpec(n.rank(), keep), null);
      }
      args.add(new Arg(c, axes.stream().mapToInt(Integer::intValue).toArray()));
    }
    int[] out = new int[outRank];
    for (int i = 0; i < outRank; i++) {
      out[i] = i;
    }
    return of(args, out, name);
  }

  private static RearrangeSpec squeezeSpec(int rank, List<Integer> keep) {
    int[][] in = new int[rank][];
    int[][] out = new int[keep.size()][];
    long[] sizes = new long[rank];
    for (int i = 0; i < rank; i++) {
      in[i] = keep.contains(i) ? new int[] {i} : new int[0];
      sizes[i] = RearrangeSpec.NONE;
    }
    for (int k = 0; k < keep.size(); k++) {
      out[k] = new int[] {keep.get(k)};
    }
    return RearrangeSpec.of(in, out, sizes);
  }

  /** Sums {@code x} over {@code axes} (all axes when empty). */
  public static Einsum sumOver(Circuit x, int[] axes, String name) {
    int[] all = new int[x.rank()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] summed = axes.length == 0 ? all
        : Arrays.stream(axes).map(a -> a < 0 ? a + x.rank() : a).toArray();
    int[] out = Arrays.stream(all).filter(a -> Arrays.stream(summed).noneMatch(s -> s == a))
        .toArray();
    return of(List.of(new Arg(x, all)), out, name);
  }

  @Override
  public Kind kind() {
    return Kind.EINSUM;
  }

  /** The operands. */
  public List<Arg> args() {
    List<Arg> out = new ArrayList<>();
    for (int i = 0; i < numChildren(); i++) {
      out.add(new Arg(child(i), inAxes[i]));
    }
    return out;
  }

  /** Axis ints of operand {@code i}. */
  public int[] inAxes(int i) {
    return inAxes[i].clone();
  }

  /** Output axis ints. */
  public int[] outAxes() {
    return outAxes.clone();
  }

  /** The spec as a string, e.g. {@code ab,bc->ac}. */
  public String specString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < inAxes.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(letters(inAxes[i]));
    }
    return sb.append("->").append(letters(outAxes)).toString();
  }

  private static String letters(int[] ints) {
    StringBuilder sb = new StringBuilder();
    for (int i : ints) {
      if (i >= RearrangeSpec.ALPHABET.length()) {
        throw new IllegalStateException("einsum int " + i + " has no letter");
      }
      sb.append(RearrangeSpec.ALPHABET.charAt(i));
    }
    return sb.toString();
  }

  @Override
  void hashNodeAndChildren(HashBuilder hb) {
    for (int a : outAxes) {
      hb.u8(a);
    }
    for (int i = 0; i < numChildren(); i++) {
      hb.bytes(child(i).rawHash());
      for (int a : inAxes[i]) {
        hb.u8(a);
      }
    }
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    throw new AssertionError("Einsum hashes through hashNodeAndChildren");
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    List<Arg> args = new ArrayList<>();
    for (int i = 0; i < newChildren.size(); i++) {
      args.add(new Arg(newChildren.get(i), inAxes[i]));
    }
    return new Einsum(args, outAxes, naming);
  }
}
