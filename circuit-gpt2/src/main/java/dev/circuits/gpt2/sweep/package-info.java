/**
 * The fast path-patching engine for GPT-2-architecture models: cached forward runs ({@link
 * dev.circuits.gpt2.sweep.ForwardRun}) that keep every layer's activations, and sweeps ({@link
 * dev.circuits.gpt2.sweep.PathSweep}) that recompute only the receivers' rows and what follows
 * them, all senders in one batch; the same numbers as the generic engine in circuit-scrubbing.
 */
package dev.circuits.gpt2.sweep;
