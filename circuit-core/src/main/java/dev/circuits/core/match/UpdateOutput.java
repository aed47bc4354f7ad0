package dev.circuits.core.match;

import dev.circuits.core.Circuit;

/** The rewritten circuit and whether anything was found while rewriting it. */
record UpdateOutput(Circuit updated, boolean anyFound) {}
