package dev.circuits.core.spec;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.util.Texts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An einops-{@code repeat} spec: input axis groups, output axis groups and optional sizes per axis
 * int. Every input int must appear in the output (no reductions); output-only ints need a size.
 */
public final class RearrangeSpec {
  /** Marker for an unknown size (hashed as {@code 1 << 63}, as rust_circuit does). */
  public static final long NONE = Long.MIN_VALUE;

  /** Letters used to print axis ints (a-z, A-Z, then Greek), as in rust_circuit. */
  public static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7"
          + "\u03b8\u03b9\u03ba\u03bb\u03bc\u03bd\u03be\u03bf\u03c0\u03c1\u03c2\u03c3\u03c4\u03c5\u03c6"
          + "\u03c7\u03c8";

  private static final UUID IN_UUID = UUID.fromString("8718e8a1-bf0a-46fe-be66-be8894bc41bd");
  private static final UUID OUT_UUID = UUID.fromString("ebd66768-bb20-43a4-8f5a-fd51e76a0333");
  private final int[][] input;
  private final int[][] output;
  private final long[] sizes;

  private RearrangeSpec(int[][] input, int[][] output, long[] sizes) {
    this.input = input;
    this.output = output;
    this.sizes = sizes;
  }

  /** Builds and validates a spec; sizes use {@link #NONE} for unknown. */
  public static RearrangeSpec of(int[][] input, int[][] output, long[] sizes) {
    RearrangeSpec s = new RearrangeSpec(deepCopy(input), deepCopy(output), sizes.clone());
    s.checkValid();
    return s;
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  private void fail(String why) {
    throw new ConstructException(ConstructException.Rule.REARRANGE_SPEC_INVALID,
        "invalid rearrange spec " + debugString() + ": " + why);
  }

  private void checkValid() {
    Set<Integer> in = new HashSet<>();
    for (int[] g : input) {
      for (int i : g) {
        if (!in.add(i)) {
          fail("int " + i + " appears twice in the input");
        }
      }
    }
    Set<Integer> out = new HashSet<>();
    for (int[] g : output) {
      for (int i : g) {
        if (!out.add(i)) {
          fail("int " + i + " appears twice in the output");
        }
      }
    }
    for (int i : in) {
      if (!out.contains(i)) {
        fail("input int " + i + " is not in the output (reductions are not allowed)");
      }
    }
    for (int i : out) {
      if (i < 0 || i >= sizes.length) {
        fail("int " + i + " has no entry in sizes (length " + sizes.length + ")");
      }
      if (!in.contains(i) && sizes[i] == NONE) {
        fail("output-only int " + i + " needs a size");
      }
    }
    for (int[] g : input) {
      if (Arrays.stream(g).filter(i -> sizes[i] == NONE).count() > 1) {
        fail("an input group has more than one unknown size");
      }
    }
  }

  /** Parses an einops string such as {@code "(a:2 b) c -> b a c"}. */
  public static RearrangeSpec parse(String text) {
    String[] parts = text.split("->", -1);
    if (parts.length != 2) {
      throw new ConstructException(ConstructException.Rule.REARRANGE_SPEC_INVALID,
          "rearrange spec '" + text + "' must have exactly one '->'");
    }
    List<Long> sizes = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    int[][] in = parseSide(parts[0].trim(), text, sizes, names);
    int[][] out = parseSide(parts[1].trim(), text, sizes, names);
    return of(in, out, sizes.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * One side of a spec: items separated by whitespace, each a size ({@code 2}, {@code 3s},
   * {@code 2 * 1s}), a name with an optional size ({@code a}, {@code a:2}) or a parenthesised
   * group of those. Scanned by hand, so sides of any length parse without regex recursion.
   */
  private static int[][] parseSide(String side, String whole, List<Long> sizes,
      Map<String, Integer> names) {
    List<int[]> groups = new ArrayList<>();
    int[] pos = {0};
    while (skipSpaces(side, pos) < side.length()) {
      if (side.charAt(pos[0]) == '(') {
        int close = side.indexOf(')', pos[0]);
        String inner = close < 0 ? null : side.substring(pos[0] + 1, close);
        if (inner == null || inner.indexOf('(') >= 0) {
          throw cannotParse(side.substring(pos[0]), whole);
        }
        List<Integer> g = new ArrayList<>();
        int[] at = {0};
        while (skipSpaces(inner, at) < inner.length()) {
          g.add(atom(inner, at, whole, sizes, names));
        }
        groups.add(g.stream().mapToInt(Integer::intValue).toArray());
        pos[0] = close + 1;
      } else {
        groups.add(new int[] {atom(side, pos, whole, sizes, names)});
      }
    }
    return groups.toArray(new int[0][]);
  }

  /** A size or a name (with an optional size) at {@code pos[0]}; moves past it. */
  private static int atom(String s, int[] pos, String whole, List<Long> sizes,
      Map<String, Integer> names) {
    int start = pos[0];
    char c = s.charAt(start);
    if (Character.isDigit(c)) {
      int end = sizeEnd(s, start);
      pos[0] = end;
      return newInt(sizes, SymbolicSizes.parse(s.substring(start, end)));
    }
    if (!isAsciiLetter(c)) {
      throw cannotParse(s.substring(start), whole);
    }
    int end = start + 1;
    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end))
        || s.charAt(end) == '_') && s.charAt(end) < 128) {
      end++;
    }
    if (end + 1 < s.length() && s.charAt(end) == ':' && Character.isDigit(s.charAt(end + 1))) {
      end = sizeEnd(s, end + 1);
    }
    pos[0] = end;
    return named(s.substring(start, end), sizes, names, whole);
  }

  /** The end of a size starting at {@code start}: factors joined by {@code *}, spaces allowed. */
  private static int sizeEnd(String s, int start) {
    int end = factorEnd(s, start);
    while (true) {
      int p = end;
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
      if (p >= s.length() || s.charAt(p) != '*') {
        return end;
      }
      p++;
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
      if (p >= s.length() || !Character.isDigit(s.charAt(p))) {
        return end;
      }
      end = factorEnd(s, p);
    }
  }

  /** {@code \d[\d_]*s?} from {@code start}. */
  private static int factorEnd(String s, int start) {
    int end = start + 1;
    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '_')) {
      end++;
    }
    return end < s.length() && s.charAt(end) == 's' ? end + 1 : end;
  }

  private static int skipSpaces(String s, int[] pos) {
    while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
      pos[0]++;
    }
    return pos[0];
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static ConstructException cannotParse(String rest, String whole) {
    return new ConstructException(ConstructException.Rule.REARRANGE_SPEC_INVALID,
        "cannot parse '" + Texts.clip(rest.trim()) + "' in rearrange spec '" + Texts.clip(whole)
            + "'");
  }

  private static int newInt(List<Long> sizes, long size) {
    sizes.add(size);
    return sizes.size() - 1;
  }

  private static int named(String atom, List<Long> sizes, Map<String, Integer> names,
      String whole) {
    String name = atom;
    Long size = null;
    int colon = atom.indexOf(':');
    if (colon >= 0) {
      name = atom.substring(0, colon);
      size = SymbolicSizes.parse(atom.substring(colon + 1));
    }
    Integer i = names.get(name);
    if (i == null) {
      i = newInt(sizes, NONE);
      names.put(name, i);
    }
    if (size != null) {
      sizes.set(i, size);
    }
    return i;
  }

  /** The identity spec of a given rank. */
  public static RearrangeSpec ident(int rank) {
    int[][] g = new int[rank][];
    for (int i = 0; i < rank; i++) {
      g[i] = new int[] {i};
    }
    long[] sizes = new long[rank];
    Arrays.fill(sizes, NONE);
    return of(g, g, sizes);
  }

  /** Inserts a size-1 axis at {@code axis} of a rank-{@code rank} input. */
  public static RearrangeSpec unsqueeze(int rank, int axis) {
    return expandAtAxes(rank, new int[] {axis}, new long[] {1});
  }

  /** Inserts new axes of the given sizes at output positions {@code axes} (sorted, unique). */
  public static RearrangeSpec expandAtAxes(int rank, int[] axes, long[] counts) {
    int outRank = rank + axes.length;
    int[][] in = new int[rank][];
    int[][] out = new int[outRank][];
    long[] sizes = new long[outRank];
    Arrays.fill(sizes, NONE);
    int next = 0;
    int newInt = rank;
    int k = 0;
    for (int o = 0; o < outRank; o++) {
      if (k < axes.length && axes[k] == o) {
        sizes[newInt] = counts[k];
        out[o] = new int[] {newInt++};
        k++;
      } else {
        in[next] = new int[] {next};
        out[o] = new int[] {next};
        next++;
      }
    }
    if (next != rank || k != axes.length) {
      throw new ConstructException(ConstructException.Rule.REARRANGE_SPEC_INVALID,
          "cannot insert axes " + Arrays.toString(axes) + " into rank " + rank);
    }
    return of(in, out, sizes);
  }

  /** Prepends {@code batch} repeated axes to a rank-{@code rank} input. */
  public static RearrangeSpec prependBatch(Shape batch, int rank) {
    int[] axes = new int[batch.rank()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return expandAtAxes(rank, axes, batch.toArray());
  }

  /** This spec with {@code n} leading pass-through batch axes added. */
  public RearrangeSpec addBatchDims(int n) {
    int shift = n;
    int[][] in = new int[input.length + n][];
    int[][] out = new int[output.length + n][];
    long[] s = new long[sizes.length + n];
    for (int i = 0; i < n; i++) {
      in[i] = new int[] {i};
      out[i] = new int[] {i};
      s[i] = NONE;
    }
    for (int i = 0; i < input.length; i++) {
      in[i + n] = Arrays.stream(input[i]).map(x -> x + shift).toArray();
    }
    for (int i = 0; i < output.length; i++) {
      out[i + n] = Arrays.stream(output[i]).map(x -> x + shift).toArray();
    }
    System.arraycopy(sizes, 0, s, n, sizes.length);
    return of(in, out, s);
  }

  /** Input groups (copy). */
  public int[][] input() {
    return deepCopy(input);
  }

  /** Output groups (copy). */
  public int[][] output() {
    return deepCopy(output);
  }

  /** Sizes per int, {@link #NONE} where unknown (copy). */
  public long[] sizes() {
    return sizes.clone();
  }

  /** Number of input axes. */
  public int inputRank() {
    return input.length;
  }

  /** Number of output axes. */
  public int outputRank() {
    return output.length;
  }

  /** The spec with all sizes filled in from an input shape, or an exception saying why not. */
  public RearrangeSpec conformToInputShape(Shape shape) {
    if (shape.rank() != input.length) {
      throw new ConstructException(ConstructException.Rule.REARRANGE_WRONG_INPUT_SHAPE,
          "rearrange spec '" + this + "' expects rank " + input.length + ", got shape " + shape);
    }
    long[] s = sizes.clone();
    for (int a = 0; a < input.length; a++) {
      long known = 1;
      int wildcard = -1;
      for (int i : input[a]) {
        if (sizes[i] == NONE) {
          wildcard = i;
        } else {
          known *= sizes[i];
        }
      }
      long l = shape.get(a);
      boolean ok = wildcard < 0 ? l == known : (known != 0 && l % known == 0);
      if (!ok) {
        throw new ConstructException(ConstructException.Rule.REARRANGE_WRONG_INPUT_SHAPE,
            "rearrange spec '" + this + "' does not conform to input shape " + shape + " at axis "
                + a);
      }
      if (wildcard >= 0) {
        s[wildcard] = l / known;
      }
    }
    return new RearrangeSpec(input, output, s);
  }

  /** The output shape for an input shape. */
  public Shape outputShape(Shape inputShape) {
    RearrangeSpec c = conformToInputShape(inputShape);
    long[] out = new long[output.length];
    for (int o = 0; o < output.length; o++) {
      long p = 1;
      for (int i : output[o]) {
        p *= c.sizes[i];
      }
      out[o] = p;
    }
    return Shape.of(out);
  }

  /** Whether input and output are identical groups of single ints. */
  public boolean isIdentity() {
    return Arrays.deepEquals(input, output)
        && Arrays.stream(input).allMatch(g -> g.length == 1);
  }

  /** The 32-byte hash rust_circuit feeds into a Rearrange node's hash. */
  public byte[] hashBytes() {
    HashBuilder hb = new HashBuilder();
    for (int[] g : input) {
      hb.uuid(IN_UUID);
      for (int i : g) {
        hb.u8(i);
      }
    }
    for (int[] g : output) {
      hb.uuid(OUT_UUID);
      for (int i : g) {
        hb.u8(i);
      }
    }
    hb.uuid(OUT_UUID);
    for (long s : sizes) {
      hb.uuid(OUT_UUID);
      hb.u64(s == NONE ? Long.MIN_VALUE : s);
    }
    return hb.digest();
  }

  private String debugString() {
    return "{input=" + Arrays.deepToString(input) + ", output=" + Arrays.deepToString(output)
        + ", sizes=" + Arrays.toString(sizes) + "}";
  }

  /** Prints in rust_circuit's form, e.g. {@code (a:17 b c:4) d -> (d c:4) a:17 b}. */
  @Override
  public String toString() {
    Set<Integer> in = ints(input);
    Set<Integer> out = ints(output);
    return side(input, out) + " -> " + side(output, in);
  }

  private static Set<Integer> ints(int[][] groups) {
    Set<Integer> s = new HashSet<>();
    for (int[] g : groups) {
      for (int i : g) {
        s.add(i);
      }
    }
    return s;
  }

  private String side(int[][] groups, Set<Integer> other) {
    StringBuilder sb = new StringBuilder();
    for (int gi = 0; gi < groups.length; gi++) {
      if (gi > 0) {
        sb.append(' ');
      }
      int[] g = groups[gi];
      if (g.length != 1) {
        sb.append('(');
      }
      for (int k = 0; k < g.length; k++) {
        if (k > 0) {
          sb.append(' ');
        }
        int i = g[k];
        if (other.contains(i) || sizes[i] == NONE) {
          sb.append(letter(i));
          if (sizes[i] != NONE) {
            sb.append(':').append(SymbolicSizes.format(sizes[i]));
          }
        } else {
          sb.append(SymbolicSizes.format(sizes[i]));
        }
      }
      if (g.length != 1) {
        sb.append(')');
      }
    }
    return sb.toString();
  }

  private static String letter(int i) {
    if (i >= ALPHABET.length()) {
      throw new IllegalStateException("axis int " + i + " has no letter (max "
          + (ALPHABET.length() - 1) + ")");
    }
    return String.valueOf(ALPHABET.charAt(i));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RearrangeSpec r && Arrays.deepEquals(input, r.input)
        && Arrays.deepEquals(output, r.output) && Arrays.equals(sizes, r.sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(input) * 31 + Arrays.deepHashCode(output) * 17
        + Arrays.hashCode(sizes);
  }
}
