package dev.circuits.core.io;

/**
 * What a torch.save pickle says about one plain tensor: the storage it views (type, key of the
 * {@code data/<key>} entry, device location, element count) and the view (offset, size, stride).
 */
record TorchTensorRecord(TorchDtype dtype, String storageKey, String location, long storageNumel,
    long offset, long[] size, long[] stride) {}
