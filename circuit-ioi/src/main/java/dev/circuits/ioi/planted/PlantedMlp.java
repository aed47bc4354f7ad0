package dev.circuits.ioi.planted;

/**
 * One planted MLP in the Hugging Face Conv1D layout, row-major: {@code fcWeight} [d_model,
 * 4 d_model], {@code fcBias} [4 d_model], {@code projWeight} [4 d_model, d_model], {@code
 * projBias} [d_model].
 */
record PlantedMlp(float[] fcWeight, float[] fcBias, float[] projWeight, float[] projBias) {}
