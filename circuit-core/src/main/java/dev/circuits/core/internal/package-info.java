/**
 * Helpers the circuits modules share (hashing, atomic file writes, JSON, Python's random) that
 * are not part of the supported API: they may change without notice. Do not depend on them.
 */
package dev.circuits.core.internal;
