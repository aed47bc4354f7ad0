package dev.circuits.core.text;

import dev.circuits.core.Einsum;
import dev.circuits.core.Rearrange;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Einsum and Rearrange specs written with axis names ({@code fancy: a b, a c -> a}) when the named
 * axes of the node and its children name every axis unambiguously; otherwise the letter form.
 */
final class FancyAxes {
  private static final Pattern REARRANGE_WORD = Pattern.compile("[a-zA-Z]\\w*");

  private FancyAxes() {}

  /** rust's {@code to_maybe_fancy_string}: fancy only when the einsum itself has named axes. */
  static String einsum(Einsum e) {
    if (e.namedAxes().isEmpty()) {
      return e.specString();
    }
    String fancy = fancyEinsum(e);
    return fancy == null ? e.specString() : fancy;
  }

  private static String fancyEinsum(Einsum e) {
    Map<Integer, String> axisToName = new HashMap<>();
    int[] out = e.outAxes();
    for (Map.Entry<Integer, String> en : e.namedAxes().entrySet()) {
      axisToName.put(out[en.getKey()], en.getValue());
    }
    List<String> operands = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      SortedMap<Integer, String> childAxes = e.child(k).namedAxes();
      int[] ints = e.inAxes(k);
      if (childAxes.size() < ints.length) {
        return null;
      }
      List<String> words = new ArrayList<>();
      for (int i = 0; i < ints.length; i++) {
        String name = axisToName.get(ints[i]);
        if (name == null) {
          name = childAxes.get(i);
          if (name == null) {
            return null;
          }
          axisToName.put(ints[i], name);
        }
        words.add(name);
      }
      operands.add(String.join(" ", words));
    }
    if (axisToName.size() > new HashSet<>(axisToName.values()).size()) {
      return null;
    }
    List<String> outWords = new ArrayList<>();
    for (int a : out) {
      outWords.add(axisToName.get(a));
    }
    return "fancy: " + String.join(", ", operands) + " -> " + String.join(" ", outWords);
  }

  /** Parses {@code a b, a c -> a} (after {@code fancy:}) into operand ints and output ints. */
  static int[][] parseFancyEinsum(String s, List<int[]> inputs) {
    String[] sides = s.split("->", -1);
    if (sides.length != 2) {
      throw new IllegalArgumentException("fancy einsum '" + s + "' needs exactly one '->'");
    }
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String operand : sides[0].split(",", -1)) {
      inputs.add(words(operand, ids));
    }
    return new int[][] {words(sides[1], ids)};
  }

  private static int[] words(String part, Map<String, Integer> ids) {
    String t = part.trim();
    if (t.isEmpty()) {
      return new int[0];
    }
    String[] ws = t.split("\\s+");
    int[] out = new int[ws.length];
    for (int i = 0; i < ws.length; i++) {
      Integer id = ids.get(ws[i]);
      if (id == null) {
        id = ids.size();
        ids.put(ws[i], id);
      }
      out[i] = id;
    }
    return out;
  }

  /**
   * rust's {@code to_maybe_fancy_einops_string}: words when every group is a single axis and the
   * child's (input) and the node's (output) named axes name every axis with distinct names. Unlike
   * rust, the fancy form is only used when it parses back (word-like names, no output-only axes).
   */
  static String rearrange(Rearrange r) {
    RearrangeSpec spec = r.spec();
    String fancy = fancyRearrange(spec, r.node().namedAxes(), r.namedAxes());
    return fancy == null ? spec.toString() : fancy;
  }

  private static String fancyRearrange(RearrangeSpec spec, SortedMap<Integer, String> nodeAxes,
      SortedMap<Integer, String> selfAxes) {
    if (nodeAxes.isEmpty() && selfAxes.isEmpty()) {
      return null;
    }
    int[] in = singles(spec.input());
    int[] out = singles(spec.output());
    if (in == null || out == null) {
      return null;
    }
    Map<Integer, String> axisToName = new HashMap<>();
    for (int i = 0; i < in.length; i++) {
      if (nodeAxes.containsKey(i)) {
        axisToName.put(in[i], nodeAxes.get(i));
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (selfAxes.containsKey(i)) {
        axisToName.put(out[i], selfAxes.get(i));
      }
    }
    if (axisToName.size() > new HashSet<>(axisToName.values()).size()) {
      return null;
    }
    HashSet<Integer> inSet = new HashSet<>();
    for (int a : in) {
      inSet.add(a);
    }
    for (int a : out) {
      if (!inSet.contains(a)) {
        return null;
      }
    }
    String lhs = join(in, axisToName);
    String rhs = join(out, axisToName);
    return lhs == null || rhs == null ? null : lhs + " -> " + rhs;
  }

  private static int[] singles(int[][] groups) {
    int[] out = new int[groups.length];
    for (int i = 0; i < groups.length; i++) {
      if (groups[i].length != 1) {
        return null;
      }
      out[i] = groups[i][0];
    }
    return out;
  }

  private static String join(int[] ints, Map<Integer, String> names) {
    List<String> words = new ArrayList<>();
    for (int a : ints) {
      String n = names.get(a);
      if (n == null || !REARRANGE_WORD.matcher(n).matches()) {
        return null;
      }
      words.add(n);
    }
    return String.join(" ", words);
  }
}
