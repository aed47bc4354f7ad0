package dev.circuits.scrubbing;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets sampled for an interpretation tree: each node's conditional sample, each internal
 * node's other-inputs sample, and the pools used. {@link #get} gives what feeds the node's inputs:
 * the conditional sample for a leaf, the other-inputs sample for an internal node.
 */
public final class SampledInputs {
  private final Map<InterpNode, Dataset> datasets = new IdentityHashMap<>();
  private final Map<InterpNode, Dataset> otherInputs = new IdentityHashMap<>();
  private final SamplerPools pools = new SamplerPools();

  /** An empty result (nothing sampled yet), e.g. for printing a tree before sampling. */
  public static SampledInputs empty() {
    return new SampledInputs();
  }

  /** The dataset feeding {@code node}'s inputs (leaf: conditional sample; else other-inputs). */
  public Dataset get(InterpNode node) {
    return find(node).orElseThrow(() -> new ScrubbingException("interpretation node '"
        + node.name() + "' was not sampled"));
  }

  /** As {@link #get}, empty when the node was not sampled. */
  public Optional<Dataset> find(InterpNode node) {
    return Optional.ofNullable(node.isLeaf() ? datasets.get(node) : otherInputs.get(node));
  }

  /** The node's conditional sample, empty when not sampled. */
  public Optional<Dataset> condDataset(InterpNode node) {
    return Optional.ofNullable(datasets.get(node));
  }

  /** The internal node's other-inputs sample, empty for leaves or when not sampled. */
  public Optional<Dataset> otherInputsDataset(InterpNode node) {
    return Optional.ofNullable(otherInputs.get(node));
  }

  /** Every node's conditional sample (identity-keyed, read-only). */
  public Map<InterpNode, Dataset> condDatasets() {
    return Collections.unmodifiableMap(datasets);
  }

  /** The pools used while sampling. */
  public SamplerPools pools() {
    return pools;
  }

  void putCond(InterpNode node, Dataset ds) {
    datasets.put(node, ds);
  }

  void putOther(InterpNode node, Dataset ds) {
    otherInputs.put(node, ds);
  }
}
