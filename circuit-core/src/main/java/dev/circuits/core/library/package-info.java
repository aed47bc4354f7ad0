/**
 * rust_circuit's module library as reference circuits with the same names, uuids and symbolic
 * sizes (layer and batch norm, attention, MLPs, whole transformers), and REMIX's model files
 * ({@link dev.circuits.core.library.ModelFile}): a {@code # info:} header plus {@code .circ} text
 * that parses completely against the library.
 */
package dev.circuits.core.library;
