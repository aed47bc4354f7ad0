/**
 * The planted-circuit IOI model: a GPT-2-architecture checkpoint with hand-set weights whose IOI
 * circuit (duplicate-token, previous-token, induction, S-inhibition and name-mover heads, plus
 * decoys) is known by construction, for testing patching and scrubbing tools offline. Entry point:
 * {@link dev.circuits.ioi.planted.PlantedIoiModel}; the geometry is explained in {@code PLANTED.md}
 * beside these classes.
 */
package dev.circuits.ioi.planted;
