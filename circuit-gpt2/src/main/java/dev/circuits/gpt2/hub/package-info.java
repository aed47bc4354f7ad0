/**
 * Hugging Face Hub downloads into the {@code huggingface_hub} cache layout
 * ({@link dev.circuits.gpt2.hub.HuggingFaceHub}), configured like Python's client through {@code HF_*}
 * environment variables ({@link dev.circuits.gpt2.hub.HubSettings}).
 */
package dev.circuits.gpt2.hub;
