/**
 * The circuit IR: the sealed Circuit node types (Array, Scalar, Symbol, Einsum, Add, Rearrange,
 * Index, GeneralFunction, Concat, Scatter, Module, Tag, DiscreteVar, SetSymbolicShape), immutable
 * values built by validating factories, with shapes, rust_circuit's auto-naming and its bit-exact
 * blake3 structural hash; plus module substitution (beta reduction), iterative traversals and the
 * exceptions every module's errors extend ({@link dev.circuits.core.CircuitException}).
 */
package dev.circuits.core;
