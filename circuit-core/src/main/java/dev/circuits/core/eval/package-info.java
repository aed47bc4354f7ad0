/**
 * Evaluation of circuits on ND4J: the {@link dev.circuits.core.eval.Evaluator} substitutes
 * modules, then computes every node bottom-up in float32 or float64, memoising values by
 * structural hash in an LRU cache bounded by a byte budget, planning each Einsum as views plus
 * one GEMM and adding into buffers it owns where nobody else reads them.
 */
package dev.circuits.core.eval;
