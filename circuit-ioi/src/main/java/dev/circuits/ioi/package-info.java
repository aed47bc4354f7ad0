/**
 * IOI (indirect object identification) datasets that reproduce REMIX's {@code IOIDataset} exactly
 * (same seed, same prompts and token ids, through a Python-compatible Mersenne Twister):
 * templates, prompt types and families, flips, per-prompt word positions, REMIX's five Part-3/4
 * datasets and the Part-4 variants.
 */
package dev.circuits.ioi;
