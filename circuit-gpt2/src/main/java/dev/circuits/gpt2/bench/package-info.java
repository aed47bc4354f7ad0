/**
 * A GPT-2-small-shaped forward benchmark on random weights: FLOPs, achieved GFLOP/s and this
 * machine's GEMM GFLOP/s, for {@code circuits bench forward}.
 */
package dev.circuits.gpt2.bench;
