package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.GraphEdge;

/** An edge ACDC kept, with {@code effect}: how much removing it would have moved the metric. */
public record KeptEdge(GraphEdge edge, double effect) {}
