/**
 * File formats and file writing: safetensors ({@link dev.circuits.core.io.Safetensors}),
 * PyTorch's torch.save for single plain tensors ({@link dev.circuits.core.io.TorchSave}, a strict
 * reader that never runs pickle code), a small JSON reader and writer, and atomic writes (temp
 * file, sync, rename) of files and folders.
 */
package dev.circuits.core.io;
