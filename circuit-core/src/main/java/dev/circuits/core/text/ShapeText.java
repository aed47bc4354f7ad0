package dev.circuits.core.text;

import dev.circuits.core.Shape;
import dev.circuits.core.SymbolicSizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A shape as written on a line: {@code 2, 3}, {@code large:3,small:1}, {@code 2*1s,0s,}. */
record ShapeText(Shape shape, SortedMap<Integer, String> namedAxes) {
  private static final String EXPECTED = "expected a non-negative integer such as 3 or 1_000, a "
      + "symbolic size such as 0s, or a product such as 2*1s";

  /** Parses the text between the brackets; throws IllegalArgumentException naming the problem. */
  static ShapeText parse(String inside) {
    List<String> axes = new ArrayList<>(Arrays.asList(inside.split(",", -1)));
    for (int i = 0; i < axes.size(); i++) {
      axes.set(i, axes.get(i).trim());
    }
    if (!axes.isEmpty() && axes.get(axes.size() - 1).isEmpty()) {
      axes.remove(axes.size() - 1);
    }
    long[] dims = new long[axes.size()];
    SortedMap<Integer, String> names = new TreeMap<>();
    for (int i = 0; i < axes.size(); i++) {
      String axis = axes.get(i);
      String size = axis;
      int colon = axis.indexOf(':');
      if (colon >= 0) {
        if (axis.indexOf(':', colon + 1) >= 0) {
          throw new IllegalArgumentException("axis '" + axis + "' has more than one ':'");
        }
        String name = axis.substring(0, colon).trim();
        if (!validAxisName(name)) {
          throw new IllegalArgumentException("axis name '" + name + "' may not contain "
              + "whitespace, '[' or ']'");
        }
        names.put(i, name);
        size = axis.substring(colon + 1);
      }
      dims[i] = size(size.trim());
    }
    return new ShapeText(Shape.of(dims), names);
  }

  private static boolean validAxisName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == '[' || c == ']') {
        return false;
      }
    }
    return true;
  }

  /** One size: factors {@code \d[\d_]*s?} joined by {@code *}; checked before it is evaluated. */
  private static long size(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty size (" + EXPECTED + ")");
    }
    for (String factor : text.split("\\*", -1)) {
      String f = factor.trim();
      if (f.startsWith("-") && f.length() > 1 && isDigit(f.charAt(1))) {
        throw new IllegalArgumentException("negative size " + text + " (sizes are never "
            + "negative; " + EXPECTED + ")");
      }
      if (!validFactor(f)) {
        throw new IllegalArgumentException("'" + text + "' is not a size (" + EXPECTED + ")");
      }
    }
    try {
      return SymbolicSizes.parse(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size " + text + " does not fit in 64 bits", e);
    }
  }

  private static boolean validFactor(String f) {
    int end = f.endsWith("s") ? f.length() - 1 : f.length();
    if (end == 0 || !isDigit(f.charAt(0))) {
      return false;
    }
    for (int i = 1; i < end; i++) {
      if (!isDigit(f.charAt(i)) && f.charAt(i) != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
