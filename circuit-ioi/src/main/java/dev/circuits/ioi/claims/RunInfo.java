package dev.circuits.ioi.claims;

/**
 * How a claims run was made, for the report's header: the exact command, the model, N, where the
 * expected heads come from, when it started and how long it took.
 */
public record RunInfo(String command, String model, int n, String expectedSource,
    String startedAt, double seconds) {}
