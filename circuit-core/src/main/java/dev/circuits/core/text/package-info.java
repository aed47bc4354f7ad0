/**
 * rust_circuit's {@code .circ} text format: the {@link dev.circuits.core.text.Printer} and {@link
 * dev.circuits.core.text.Parser} (bijective, with their options), and the tensor store ({@link
 * dev.circuits.core.text.TensorStore}), a hash trie of tensor files that resolves the hash
 * prefixes printed Arrays are written as.
 */
package dev.circuits.core.text;
