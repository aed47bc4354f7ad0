/**
 * The planted-circuit IOI models: GPT-2-architecture checkpoints with hand-set weights whose IOI
 * circuit (duplicate-token, previous-token, induction, S-inhibition and name-mover heads, plus
 * decoys) is known by construction, for testing patching and scrubbing tools offline. Entry
 * points: {@link dev.circuits.ioi.planted.PlantedIoiModel} (small, {@code PLANTED.md}) and
 * {@link dev.circuits.ioi.planted.PlantedGpt2Small} (GPT-2 small's shape with the IOI paper's
 * classes at the paper's places, including negative and backup name movers and a positional
 * S-inhibition signal, {@code PLANTED-GPT2.md}); {@link dev.circuits.ioi.planted.PlantedModels}
 * finds them by name.
 */
package dev.circuits.ioi.planted;
