/**
 * REMIX day-5 IOI experiments on any GPT-2-architecture model: logit differences, layer-by-component
 * path-patching sweeps between two aligned IOI datasets, and the name-mover causal-scrubbing
 * hypothesis.
 */
package dev.circuits.ioi.experiments;
