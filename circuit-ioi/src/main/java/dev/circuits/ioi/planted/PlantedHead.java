package dev.circuits.ioi.planted;

import dev.circuits.gpt2.model.Head;

/** A head of the planted model with its role and a one-line account of what it does. */
public record PlantedHead(Head head, PlantedRole role, String description) {}
