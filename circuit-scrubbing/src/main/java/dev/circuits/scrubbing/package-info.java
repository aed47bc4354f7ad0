/**
 * Causal scrubbing after rust_circuit: datasets, conditional samplers, interpretation trees
 * ({@link dev.circuits.scrubbing.InterpNode}), correspondences from tree nodes to model branches,
 * and {@link dev.circuits.scrubbing.Experiment}, which treeifies the model and resamples its
 * inputs along each branch from data the hypothesis calls equivalent.
 */
package dev.circuits.scrubbing;
