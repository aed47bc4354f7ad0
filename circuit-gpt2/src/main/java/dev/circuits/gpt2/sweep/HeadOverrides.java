package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.NodeSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frozen head outputs (knockouts): head {@code a{l}_h{h}} at position {@code p} outputs the given
 * value ([N, d], one row per prompt; without the layer's output bias) instead of what it computes.
 * Everything downstream sees the frozen value; path patching leaves frozen heads alone. Example:
 * {@code HeadOverrides.none().with(NodeSpec.head(9, 6, 15), meanOutput.broadcast(n, d))}.
 */
public final class HeadOverrides {
  private static final HeadOverrides NONE = new HeadOverrides(Map.of());

  private final Map<NodeSpec, INDArray> values;

  private HeadOverrides(Map<NodeSpec, INDArray> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** No head is frozen. */
  public static HeadOverrides none() {
    return NONE;
  }

  /** These overrides plus head {@code site} frozen at {@code value} ([N, d]). */
  public HeadOverrides with(NodeSpec site, INDArray value) {
    if (site.isMlp()) {
      throw new IllegalArgumentException("only attention heads can be frozen, got " + site);
    }
    if (value.rank() != 2) {
      throw new IllegalArgumentException("frozen output of " + site + " must be [N, d], got "
          + java.util.Arrays.toString(value.shape()));
    }
    Map<NodeSpec, INDArray> m = new LinkedHashMap<>(values);
    m.put(site, value.castTo(DataType.FLOAT).dup('c'));
    return new HeadOverrides(m);
  }

  /** These overrides plus every site of {@code more} frozen at its value ([N, d] each). */
  public HeadOverrides withAll(Map<NodeSpec, INDArray> more) {
    HeadOverrides out = this;
    for (Map.Entry<NodeSpec, INDArray> e : more.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The frozen value of head {@code (layer, head)} at {@code position}, if frozen. */
  public Optional<INDArray> value(int layer, int head, int position) {
    return Optional.ofNullable(values.get(NodeSpec.head(layer, head, position)));
  }

  /** Whether head {@code (layer, head)} is frozen at {@code position}. */
  public boolean frozen(int layer, int head, int position) {
    return values.containsKey(NodeSpec.head(layer, head, position));
  }

  /** Every frozen site with its value, in insertion order. */
  public Map<NodeSpec, INDArray> values() {
    return values;
  }

  /** Whether nothing is frozen. */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
