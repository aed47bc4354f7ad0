/** GPT-2 support: the tokenizer ({@link dev.circuits.gpt2.Gpt2Tokenizer}) and batches of token ids. */
package dev.circuits.gpt2;
