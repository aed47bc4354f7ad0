package dev.circuits.scrubbing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A feature evaluated on a dataset: one comparable key per row, and rows grouped by key. */
final class FeatureRows {
  /** One row's feature value, compared lexicographically. */
  record Key(double[] values) implements Comparable<Key> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public int compareTo(Key o) {
      return Arrays.compare(values, o.values);
    }

    @Override
    public String toString() {
      return values.length == 1 ? Double.toString(values[0]) : Arrays.toString(values);
    }
  }

  private final List<Key> keys;

  private FeatureRows(List<Key> keys) {
    this.keys = keys;
  }

  /** The feature's value on every row of {@code ds}. */
  static FeatureRows of(Feature feature, Dataset ds) {
    double[][] rows = Rows.featureRows(feature.apply(ds), ds.size(), "feature " + feature);
    List<Key> keys = new ArrayList<>(rows.length);
    for (double[] r : rows) {
      keys.add(new Key(r));
    }
    return new FeatureRows(List.copyOf(keys));
  }

  /** {@code f(d)=v} for a one-row dataset: the feature's value as a number or list. */
  static String describe(Feature feature, Dataset datum) {
    return "f(d)=" + Rows.format(feature.apply(datum), 0);
  }

  /** Row {@code i}'s key. */
  Key key(int i) {
    return keys.get(i);
  }

  /** All keys, in row order. */
  List<Key> keys() {
    return keys;
  }

  /** Row indices grouped by key, keys in ascending order, rows in ascending order. */
  Map<Key, List<Integer>> groups() {
    Map<Key, List<Integer>> out = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(i);
    }
    return out;
  }
}
