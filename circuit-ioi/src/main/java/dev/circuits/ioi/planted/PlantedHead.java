package dev.circuits.ioi.planted;

/** A head of the planted model with its role and a one-line account of what it does. */
public record PlantedHead(HeadRef head, PlantedRole role, String description) {}
