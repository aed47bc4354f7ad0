package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a bijective index string such as {@code [0:2,-1,t292d9fdb22 [6],:]}. */
final class TensorIndexText {
  private TensorIndexText() {}

  /** Parses the index; tensors are resolved through {@code lookup} (which may be null). */
  static TensorIndex parse(String text, Function<String, Array> lookup) {
    String s = text.trim();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("index '" + text + "' must be written [a,b,...]");
    }
    List<TensorIndex.Axis> axes = new ArrayList<>();
    for (String part : s.substring(1, s.length() - 1).split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      axes.add(axis(p, text, lookup));
    }
    return TensorIndex.of(axes);
  }

  private static TensorIndex.Axis axis(String p, String whole, Function<String, Array> lookup) {
    try {
      return TensorIndex.at(ScalarFormat.parseLong(p));
    } catch (NumberFormatException notAnInt) {
      // not a single position
    }
    if (p.startsWith("t")) {
      String prefix = p.substring(1).split("\\[", 2)[0].trim();
      Array a = TensorLookups.resolve(lookup, prefix);
      return new TensorIndex.Tensor(a.value());
    }
    String[] bounds = p.split(":", -1);
    if (bounds.length != 2) {
      throw new IllegalArgumentException("cannot read index entry '" + p + "' in '" + whole + "'");
    }
    return TensorIndex.slice(bound(bounds[0], whole), bound(bounds[1], whole));
  }

  private static Long bound(String b, String whole) {
    String t = b.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return ScalarFormat.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid slice bound '" + t + "' in '" + whole + "'", e);
    }
  }
}
