/**
 * The specifications nodes carry: einops-style {@link dev.circuits.core.spec.RearrangeSpec}s,
 * dimwise {@link dev.circuits.core.spec.TensorIndex}es, and GeneralFunction specs (softmax,
 * log_softmax, the GELUs, gen_index, cast and user-defined ones registered with {@link
 * dev.circuits.core.spec.GeneralFunctions}) with their shape rules, hashes and ND4J kernels.
 */
package dev.circuits.core.spec;
