/**
 * GPT-2 as a circuit: the configuration and weights in the Hugging Face layout ({@link
 * dev.circuits.gpt2.model.Gpt2Checkpoint}), random checkpoints, and {@link
 * dev.circuits.gpt2.model.Gpt2Circuit}, the model with REMIX's node names, split by head and
 * optionally by position; also the logit-difference metric, attention patterns and the names of
 * position-split nodes ({@link dev.circuits.gpt2.model.NodeSpec}, {@link
 * dev.circuits.gpt2.model.Channel}).
 */
package dev.circuits.gpt2.model;
