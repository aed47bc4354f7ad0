/**
 * Equality-preserving rewrites of circuits, after rust_circuit's {@code circuit_rewrites} and
 * {@code nb_operations}: named local simplification rules ({@link dev.circuits.core.rewrite.SimpRule})
 * composed into a fixed point ({@link dev.circuits.core.rewrite.SimpRules}), traversal-aware
 * structural rewrites ({@link dev.circuits.core.rewrite.PushDownIndex},
 * {@link dev.circuits.core.rewrite.Distribute}, {@link dev.circuits.core.rewrite.Flatten}),
 * canonicalisation, name stripping, module rewrites and batching.
 *
 * <p>Every rewrite either returns the rewritten circuit or throws a
 * {@link dev.circuits.core.rewrite.RewriteNotApplicableException} saying why it does not apply.
 */
package dev.circuits.core.rewrite;
