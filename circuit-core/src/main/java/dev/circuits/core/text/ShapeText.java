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
  /** Parses the text between the brackets; throws IllegalArgumentException when malformed. */
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
        names.put(i, axis.substring(0, colon).trim());
        size = axis.substring(colon + 1);
      }
      dims[i] = SymbolicSizes.parse(size.trim());
    }
    return new ShapeText(Shape.of(dims), names);
  }
}
