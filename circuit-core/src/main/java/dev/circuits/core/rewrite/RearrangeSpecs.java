package dev.circuits.core.rewrite;

import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.spec.TensorIndex.Axis;
import dev.circuits.core.spec.TensorIndex.Single;
import dev.circuits.core.spec.TensorIndex.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operations on {@link RearrangeSpec}s that rewrites need: rust_circuit's {@code canonicalize},
 * {@code fuse} and permutation helpers. Example: {@code fuse(parse("a b -> (a b)"),
 * parse("(a b) -> b a"))} conformed to sizes is the single spec {@code a b -> b a}.
 */
public final class RearrangeSpecs {
  private static final long NONE = RearrangeSpec.NONE;

  private RearrangeSpecs() {}

  private enum Pos { FIRST, LAST, MIDDLE }

  /** A sequence-position marker: FIRST, LAST or MIDDLE(neighbour). */
  private record SeqPos(Pos pos, int neighbour) {
    static final SeqPos FIRST = new SeqPos(Pos.FIRST, -1);
    static final SeqPos LAST = new SeqPos(Pos.LAST, -1);

    static SeqPos middle(int n) {
      return new SeqPos(Pos.MIDDLE, n);
    }
  }

  /**
   * rust_circuit's {@code RearrangeSpec::canonicalize}: drops size-1 ints (when
   * {@code specialCaseOnes}), merges runs of ints that always appear together in the same order,
   * and renumbers ints by first appearance (inputs first, then outputs).
   */
  public static RearrangeSpec canonicalize(RearrangeSpec spec, boolean specialCaseOnes) {
    long[] sizes = spec.sizes();
    int[][] input = spec.input();
    int[][] output = spec.output();
    if (specialCaseOnes) {
      input = dropOnes(input, sizes);
      output = dropOnes(output, sizes);
    }
    int n = sizes.length;
    SeqPos[] prev = new SeqPos[n];
    SeqPos[] next = new SeqPos[n];
    List<int[]> all = new ArrayList<>(Arrays.asList(input));
    all.addAll(Arrays.asList(output));
    for (int[] lst : all) {
      if (lst.length > 0) {
        prev[lst[0]] = SeqPos.FIRST;
        next[lst[lst.length - 1]] = SeqPos.LAST;
      }
      for (int k = 1; k < lst.length; k++) {
        int p = lst[k - 1];
        int c = lst[k];
        if ((sizes[p] != NONE) == (sizes[c] != NONE)) {
          if (prev[c] == null) {
            prev[c] = SeqPos.middle(p);
          }
          if (next[p] == null) {
            next[p] = SeqPos.middle(c);
          }
        }
        if (!SeqPos.middle(p).equals(prev[c]) || !SeqPos.middle(c).equals(next[p])) {
          prev[c] = SeqPos.FIRST;
          next[p] = SeqPos.LAST;
        }
      }
    }
    Map<Integer, Integer> map = new HashMap<>();
    List<Long> newSizes = new ArrayList<>();
    boolean[] accounted = new boolean[n];
    int[][] newIn = renumber(input, prev, sizes, map, newSizes, accounted);
    int[][] newOut = renumber(output, prev, sizes, map, newSizes, accounted);
    return RearrangeSpec.of(newIn, newOut, newSizes.stream().mapToLong(Long::longValue).toArray());
  }

  private static int[][] dropOnes(int[][] groups, long[] sizes) {
    int[][] out = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      out[g] = Arrays.stream(groups[g]).filter(i -> sizes[i] != 1).toArray();
    }
    return out;
  }

  private static int find(int i, SeqPos[] prev) {
    int pos = i;
    while (prev[pos].pos() == Pos.MIDDLE) {
      pos = prev[pos].neighbour();
    }
    int first = pos;
    pos = i;
    while (prev[pos].pos() == Pos.MIDDLE) {
      int p = prev[pos].neighbour();
      prev[pos] = SeqPos.middle(first);
      pos = p;
    }
    return first;
  }

  private static int[][] renumber(int[][] groups, SeqPos[] prev, long[] sizes,
      Map<Integer, Integer> map, List<Long> newSizes, boolean[] accounted) {
    int[][] out = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      List<Integer> dim = new ArrayList<>();
      for (int i : groups[g]) {
        Integer mapped = map.get(i);
        if (mapped != null) {
          dim.add(mapped);
        } else if (prev[i].pos() == Pos.FIRST) {
          int ni = newSizes.size();
          map.put(i, ni);
          dim.add(ni);
          newSizes.add(sizes[i]);
        } else if (!accounted[i]) {
          if (sizes[i] != NONE) {
            int idx = map.get(find(i, prev));
            newSizes.set(idx, newSizes.get(idx) * sizes[i]);
          }
          accounted[i] = true;
        }
      }
      out[g] = dim.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /**
   * rust_circuit's {@code RearrangeSpec::fuse}: one spec doing {@code inner} then {@code outer}.
   * Both must have every size known (conform them first); empty when the two do not compose (a
   * merged axis is split along different boundaries).
   */
  public static Optional<RearrangeSpec> fuse(RearrangeSpec inner, RearrangeSpec outer) {
    List<Long> innerSizes = boxed(inner.sizes());
    List<Long> outerSizes = boxed(outer.sizes());
    if (innerSizes.contains(NONE) || outerSizes.contains(NONE)
        || inner.outputRank() != outer.inputRank()) {
      return Optional.empty();
    }
    Map<Integer, List<Integer>> innerReplaces = new HashMap<>();
    Map<Integer, List<Integer>> outerReplaces = new HashMap<>();
    Map<Integer, Integer> inToOut = new HashMap<>();
    int[][] outerIn = outer.input();
    int[][] innerOut = inner.output();
    for (int g = 0; g < outerIn.length; g++) {
      int[] outerInts = outerIn[g];
      int[] innerInts = innerOut[g];
      int ii = 0;
      int oi = 0;
      while (ii < innerInts.length && oi < outerInts.length) {
        int inI = innerInts[ii];
        int outI = outerInts[oi];
        long inS = innerSizes.get(inI);
        long outS = outerSizes.get(outI);
        if (inS == outS) {
          ii++;
          oi++;
          inToOut.put(inI, outI);
          push(innerReplaces, inI, inI);
          push(outerReplaces, outI, outI);
        } else if (inS > outS) {
          if (outS == 0 || inS % outS != 0) {
            return Optional.empty();
          }
          int newI = innerSizes.size();
          inToOut.put(newI, outI);
          oi++;
          innerSizes.set(inI, inS / outS);
          innerSizes.add(outS);
          push(outerReplaces, outI, outI);
          push(innerReplaces, inI, newI);
        } else {
          if (inS == 0 || outS % inS != 0) {
            return Optional.empty();
          }
          int newI = outerSizes.size();
          inToOut.put(inI, newI);
          ii++;
          outerSizes.set(outI, outS / inS);
          outerSizes.add(inS);
          push(innerReplaces, inI, inI);
          push(outerReplaces, outI, newI);
        }
      }
      for (; ii < innerInts.length; ii++) {
        if (innerSizes.get(innerInts[ii]) != 1) {
          return Optional.empty();
        }
      }
      for (; oi < outerInts.length; oi++) {
        if (outerSizes.get(outerInts[oi]) != 1) {
          return Optional.empty();
        }
      }
    }
    int[][] in = expand(inner.input(), innerReplaces);
    int[][] out = expand(outer.output(), outerReplaces);
    for (int g = 0; g < in.length; g++) {
      in[g] = Arrays.stream(in[g]).filter(inToOut::containsKey).map(inToOut::get).toArray();
    }
    long[] sizes = outerSizes.stream().mapToLong(Long::longValue).toArray();
    return Optional.of(canonicalize(RearrangeSpec.of(in, out, sizes), true));
  }

  private static List<Long> boxed(long[] a) {
    List<Long> out = new ArrayList<>();
    for (long x : a) {
      out.add(x);
    }
    return out;
  }

  private static void push(Map<Integer, List<Integer>> m, int key, int value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static int[][] expand(int[][] groups, Map<Integer, List<Integer>> replaces) {
    int[][] out = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      List<Integer> dim = new ArrayList<>();
      for (int i : groups[g]) {
        List<Integer> r = replaces.remove(i);
        if (r == null) {
          dim.add(i);
        } else {
          dim.addAll(r);
        }
      }
      out[g] = dim.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /** Whether the spec only permutes axes (every group a single int, same rank in and out). */
  public static boolean isPermute(RearrangeSpec spec) {
    return spec.inputRank() == spec.outputRank()
        && Arrays.stream(spec.input()).allMatch(g -> g.length == 1)
        && Arrays.stream(spec.output()).allMatch(g -> g.length == 1);
  }

  /** For a permutation, the output position of each input axis; empty otherwise. */
  public static Optional<int[]> forwardPermutation(RearrangeSpec spec) {
    if (!isPermute(spec)) {
      return Optional.empty();
    }
    int[][] in = spec.input();
    int[][] out = spec.output();
    int[] perm = new int[in.length];
    for (int i = 0; i < in.length; i++) {
      for (int o = 0; o < out.length; o++) {
        if (out[o][0] == in[i][0]) {
          perm[i] = o;
        }
      }
    }
    return Optional.of(perm);
  }

  /** Whether the spec's input and output groups are identical (rust's {@code is_identity}). */
  public static boolean isIdentity(RearrangeSpec spec) {
    return Arrays.deepEquals(spec.input(), spec.output());
  }

  /** Output axes made only of ints absent from the input (broadcast/repeat axes). */
  static Set<Integer> outBroadcastAxes(RearrangeSpec spec) {
    Set<Integer> in = new HashSet<>();
    for (int[] g : spec.input()) {
      for (int i : g) {
        in.add(i);
      }
    }
    Set<Integer> out = new HashSet<>();
    int[][] output = spec.output();
    for (int o = 0; o < output.length; o++) {
      if (Arrays.stream(output[o]).noneMatch(in::contains)) {
        out.add(o);
      }
    }
    return out;
  }

  /** The spec without the given output axes (which must be broadcast axes). */
  static RearrangeSpec withoutOutputAxes(RearrangeSpec spec, Set<Integer> axes) {
    int[][] output = spec.output();
    List<int[]> kept = new ArrayList<>();
    for (int o = 0; o < output.length; o++) {
      if (!axes.contains(o)) {
        kept.add(output[o]);
      }
    }
    return RearrangeSpec.of(spec.input(), kept.toArray(new int[0][]), spec.sizes());
  }

  /** A spec with one int per axis mapping {@code in} ints to {@code out} ints, sizes by int. */
  static RearrangeSpec singles(int[] in, int[] out, Map<Integer, Long> sizes) {
    int max = -1;
    for (int i : out) {
      max = Math.max(max, i);
    }
    for (int i : in) {
      max = Math.max(max, i);
    }
    long[] s = new long[max + 1];
    Arrays.fill(s, NONE);
    sizes.forEach((k, v) -> {
      if (k < s.length) {
        s[k] = v;
      }
    });
    int[][] ig = Arrays.stream(in).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
    int[][] og = Arrays.stream(out).mapToObj(i -> new int[] {i}).toArray(int[][]::new);
    return RearrangeSpec.of(ig, og, s);
  }

  /** An index to apply before a rearrange, and the rearrange to apply after it. */
  record IndexedSpec(TensorIndex before, RearrangeSpec spec) {}

  /**
   * Moves {@code index} (full-rank, canonical) from after {@code spec} (conformed, canonical) to
   * before it; empty when a merged output axis is indexed by anything but a single position or
   * {@code :}. rust_circuit's {@code RearrangeSpec::index_before}.
   */
  static Optional<IndexedSpec> indexBefore(RearrangeSpec spec, List<Axis> index) {
    long[] sizes = spec.sizes();
    int[][] in = spec.input();
    int[][] out = spec.output();
    Map<Integer, Axis> intIdx = new HashMap<>();
    for (int o = 0; o < out.length; o++) {
      Axis ix = index.get(o);
      int[] g = out[o];
      long l = 1;
      for (int i : g) {
        l *= sizes[i];
      }
      if (g.length == 1) {
        intIdx.put(g[0], ix);
      } else if (ix instanceof Single s) {
        long rest = s.index();
        for (int k = g.length - 1; k >= 0; k--) {
          long sz = sizes[g[k]];
          intIdx.put(g[k], new Single(rest % sz));
          rest /= sz;
        }
      } else if (Indices.isIdentity(ix, l)) {
        for (int i : g) {
          intIdx.put(i, Slice.ALL);
        }
      } else {
        return Optional.empty();
      }
    }
    List<Axis> before = new ArrayList<>();
    for (int[] g : in) {
      before.add(joined(g, intIdx, sizes));
    }
    long[] newSizes = new long[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      Axis ix = intIdx.get(i);
      newSizes[i] = ix == null ? sizes[i] : Indices.axisLen(ix, sizes[i]);
    }
    List<int[]> newIn = new ArrayList<>();
    for (int[] g : in) {
      int[] kept = withoutSingles(g, intIdx);
      if (kept.length > 0) {
        newIn.add(kept);
      }
    }
    List<int[]> newOut = new ArrayList<>();
    for (int o = 0; o < out.length; o++) {
      if (!(index.get(o) instanceof Single)) {
        newOut.add(withoutSingles(out[o], intIdx));
      }
    }
    RearrangeSpec after = RearrangeSpec.of(newIn.toArray(new int[0][]),
        newOut.toArray(new int[0][]), newSizes);
    return Optional.of(new IndexedSpec(TensorIndex.of(before), canonicalize(after, false)));
  }

  private static int[] withoutSingles(int[] g, Map<Integer, Axis> intIdx) {
    return Arrays.stream(g).filter(i -> !(intIdx.get(i) instanceof Single)).toArray();
  }

  /** The entry on a merged input axis equal to indexing each of its ints separately. */
  private static Axis joined(int[] g, Map<Integer, Axis> intIdx, long[] sizes) {
    if (g.length == 0) {
      return new Single(0);
    }
    if (g.length == 1) {
      return intIdx.get(g[0]);
    }
    boolean allSingle = true;
    boolean allIdentity = true;
    for (int i : g) {
      Axis ix = intIdx.get(i);
      allSingle &= ix instanceof Single;
      allIdentity &= Indices.isIdentity(ix, sizes[i]);
    }
    if (allIdentity) {
      return Slice.ALL;
    }
    long[] positions = {0};
    for (int i : g) {
      long[] p = Indices.positions(intIdx.get(i), sizes[i]);
      long[] next = new long[positions.length * p.length];
      int k = 0;
      for (long base : positions) {
        for (long q : p) {
          next[k++] = base * sizes[i] + q;
        }
      }
      positions = next;
    }
    if (allSingle) {
      return new Single(positions[0]);
    }
    return Indices.fromPositions(positions);
  }
}
