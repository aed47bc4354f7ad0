package dev.circuits.scrubbing;

import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A per-row feature of a dataset: a tensor {@code [n]} or {@code [n, k]} whose row {@code i}
 * describes row {@code i}. Conditional samplers keep rows whose feature equals the reference
 * row's. Features are values (the built-in ones compare by their parameters), so samplers using
 * equal features share pools. Example: {@code Feature.column("xs", 0)}.
 */
@FunctionalInterface
public interface Feature {
  /** The feature values of every row of {@code ds}: {@code [ds.size()]} or {@code [ds.size(), k]}. */
  INDArray apply(Dataset ds);

  /** Column {@code col} of the 2-d array {@code name} (e.g. {@code xs[:, 0]}). */
  static Feature column(String name, int col) {
    return new Column(name, col);
  }

  /** The rows of array {@code name}, flattened to {@code [n, k]} (e.g. the labels). */
  static Feature array(String name) {
    return new WholeArray(name);
  }

  /** A user-defined feature printed as {@code description} (equal only to itself). */
  static Feature of(String description, Function<Dataset, INDArray> function) {
    return new Described(description, function);
  }

  /** Column {@code col} of array {@code name}. */
  record Column(String name, int col) implements Feature {
    /** Validates the name. */
    public Column {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public INDArray apply(Dataset ds) {
      INDArray v = ds.values(name);
      if (v.rank() != 2 || col < 0 || col >= v.size(1)) {
        throw new ScrubbingException("feature " + this + " needs a 2-d array with a column "
            + col + ", but '" + name + "' has shape " + java.util.Arrays.toString(v.shape()));
      }
      return v.get(NDArrayIndex.all(), NDArrayIndex.point(col));
    }

    @Override
    public String toString() {
      return name + "[:, " + col + "]";
    }
  }

  /** The whole rows of array {@code name}. */
  record WholeArray(String name) implements Feature {
    /** Validates the name. */
    public WholeArray {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public INDArray apply(Dataset ds) {
      INDArray v = ds.values(name);
      return v.rank() <= 2 ? v : v.reshape('c', v.size(0), v.length() / v.size(0));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A described user function. */
  record Described(String description, Function<Dataset, INDArray> function) implements Feature {
    /** Validates the arguments. */
    public Described {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(function, "function");
    }

    @Override
    public INDArray apply(Dataset ds) {
      return function.apply(ds);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
