package dev.circuits.scrubbing;

import dev.circuits.core.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable batch of named Arrays of equal length (axis 0 counts rows). The arrays listed in
 * {@link #inputNames()} (all of them by default) replace the circuit inputs of the same name when
 * scrubbing. Equality and hashing go through the Arrays' structural hashes, the input names
 * excluded from neither. Example:
 * {@code Dataset.of(Array.of(xs, "xs"), Array.of(labels, "labels")).withInputNames(Set.of("xs"))}.
 */
public final class Dataset {
  private final Map<String, Array> arrays;
  private final Set<String> inputNames;
  private final Function<Dataset, String> formatter;
  private final int size;
  private volatile Integer hash;

  private Dataset(Map<String, Array> arrays, Set<String> inputNames,
      Function<Dataset, String> formatter) {
    this.arrays = arrays;
    this.inputNames = inputNames;
    this.formatter = formatter;
    this.size = Math.toIntExact(arrays.values().iterator().next().shape().get(0));
  }

  /** A dataset of these Arrays (each named; duplicates by name must be equal). */
  public static Dataset of(Array... arrays) {
    return of(List.of(arrays));
  }

  /** A dataset of these Arrays (each named; duplicates by name must be equal). */
  public static Dataset of(Collection<Array> arrays) {
    if (arrays.isEmpty()) {
      throw new DatasetException("a Dataset needs at least one array");
    }
    Map<String, Array> byName = new LinkedHashMap<>();
    Long length = null;
    String first = null;
    for (Array a : arrays) {
      if (!a.isNamed()) {
        throw new DatasetException("every Dataset array needs a name, got " + a.describe());
      }
      if (a.rank() < 1) {
        throw new DatasetException("Dataset array '" + a.name() + "' needs a leading rows axis, "
            + "got shape " + a.shape());
      }
      Array previous = byName.put(a.name(), a);
      if (previous != null && !previous.equals(a)) {
        throw new DatasetException("two different Arrays are named '" + a.name() + "': "
            + previous + " and " + a);
      }
      long len = a.shape().get(0);
      if (length == null) {
        length = len;
        first = a.name();
      } else if (len != length) {
        throw new DatasetException("all Dataset arrays must have the same length, but '" + first
            + "' has " + length + " rows and '" + a.name() + "' has " + len);
      }
    }
    return new Dataset(Collections.unmodifiableMap(byName),
        Collections.unmodifiableSet(new LinkedHashSet<>(byName.keySet())), null);
  }

  /** A dataset of private copies of these tensors, named by their keys (in iteration order). */
  public static Dataset of(Map<String, INDArray> values) {
    List<Array> arrays = new ArrayList<>();
    values.forEach((name, v) -> arrays.add(Array.of(v, name)));
    return of(arrays);
  }

  /** Rows of several datasets with the same array names, in order (inputs and format of the first). */
  public static Dataset concat(List<Dataset> parts) {
    if (parts.isEmpty()) {
      throw new DatasetException("cannot concatenate zero datasets");
    }
    Dataset head = parts.get(0);
    if (parts.size() == 1) {
      return head;
    }
    List<Array> out = new ArrayList<>();
    for (String name : head.arrays.keySet()) {
      List<INDArray> values = new ArrayList<>();
      for (Dataset d : parts) {
        if (!d.arrays.keySet().equals(head.arrays.keySet())) {
          throw new DatasetException("cannot concatenate datasets with arrays "
              + head.arrays.keySet() + " and " + d.arrays.keySet());
        }
        values.add(d.values(name));
      }
      out.add(Array.wrap(Rows.concat(values), name));
    }
    return head.withArrays(out);
  }

  /** This dataset with only {@code names} replacing circuit inputs (empty: all arrays). */
  public Dataset withInputNames(Set<String> names) {
    for (String n : names) {
      if (!arrays.containsKey(n)) {
        throw new DatasetException("input name '" + n + "' is not an array of this dataset "
            + arrays.keySet());
      }
    }
    Set<String> in = names.isEmpty() ? arrays.keySet() : new LinkedHashSet<>(names);
    return new Dataset(arrays, Collections.unmodifiableSet(new LinkedHashSet<>(in)), formatter);
  }

  /** This dataset printing itself with {@code format} (kept by indexing and sampling). */
  public Dataset withFormatter(Function<Dataset, String> format) {
    return new Dataset(arrays, inputNames, Objects.requireNonNull(format, "format"));
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /** The Arrays by name, in insertion order. */
  public Map<String, Array> arrays() {
    return arrays;
  }

  /** The names of the arrays that replace circuit inputs. */
  public Set<String> inputNames() {
    return inputNames;
  }

  /** Whether an array is named {@code name}. */
  public boolean has(String name) {
    return arrays.containsKey(name);
  }

  /** The Array named {@code name}. */
  public Array get(String name) {
    Array a = arrays.get(name);
    if (a == null) {
      throw new DatasetException("this dataset has no array '" + name + "'; it has "
          + arrays.keySet());
    }
    return a;
  }

  /** The tensor named {@code name} (do not mutate). */
  public INDArray values(String name) {
    return get(name).value();
  }

  /** The rows {@code idx}, in that order (repeats allowed). */
  public Dataset rows(long[] idx) {
    List<Array> out = new ArrayList<>();
    for (Array a : arrays.values()) {
      out.add(Array.wrap(Rows.take(a.value(), idx), a.name()));
    }
    return withArrays(out);
  }

  /** Row {@code i} as a dataset of length 1 (rust_circuit's {@code ds[i]}). */
  public Dataset row(int i) {
    return rows(new long[] {i});
  }

  /** {@code count} rows drawn uniformly with replacement from {@code rng}. */
  public Dataset sample(int count, RandomGenerator rng) {
    if (size == 0) {
      throw new DatasetException("cannot sample " + count + " rows from an empty dataset");
    }
    long[] idx = new long[count];
    for (int i = 0; i < count; i++) {
      idx[i] = rng.nextInt(size);
    }
    return rows(idx);
  }

  /** Row {@code i} of the array {@code name} as text, e.g. {@code [0, 5]} or {@code 185}. */
  public String formatValue(String name, int i) {
    return Rows.format(values(name), i);
  }

  private Dataset withArrays(List<Array> out) {
    Map<String, Array> byName = new LinkedHashMap<>();
    for (Array a : out) {
      byName.put(a.name(), a);
    }
    return new Dataset(Collections.unmodifiableMap(byName), inputNames, formatter);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Dataset d && d.hashCode() == hashCode()
        && d.arrays.equals(arrays) && d.inputNames.equals(inputNames);
  }

  @Override
  public int hashCode() {
    Integer h = hash;
    if (h == null) {
      h = Objects.hash(arrays, inputNames);
      hash = h;
    }
    return h;
  }

  /**
   * The formatter's text if one was set; else one row as {@code Datum(xs=[0, 5], labels=185)},
   * and several as {@code [<xs [100,2]>, <labels [100]>]}.
   */
  @Override
  public String toString() {
    if (formatter != null) {
      return formatter.apply(this);
    }
    StringJoiner j;
    if (size == 1) {
      j = new StringJoiner(", ", "Datum(", ")");
      for (String name : arrays.keySet()) {
        j.add(name + "=" + formatValue(name, 0));
      }
    } else {
      j = new StringJoiner(", ", "[", "]");
      for (Array a : arrays.values()) {
        j.add("<" + a.name() + " " + a.shape() + ">");
      }
    }
    return j.toString();
  }
}
