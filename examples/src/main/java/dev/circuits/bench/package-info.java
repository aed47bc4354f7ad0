/**
 * Benchmarks run from the command line ({@code circuits bench ...}): each times one workload
 * against a reference and prints a last line {@code ratio: X}.
 */
package dev.circuits.bench;
