package dev.circuits.gpt2;

import dev.circuits.gpt2.hub.HubException;
import dev.circuits.gpt2.hub.HuggingFaceHub;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a model argument to a local folder in the Hugging Face layout: an existing folder as
 * is, {@code gpt2} as {@code openai-community/gpt2}, anything else as a Hub repo id (downloaded
 * once into the standard cache; {@code HF_HUB_OFFLINE} and friends are honoured).
 */
public final class Gpt2Models {
  /** The Hub repo of GPT-2 small. */
  public static final String GPT2_SMALL = "openai-community/gpt2";

  private Gpt2Models() {}

  /** The folder holding {@code config.json} and {@code model.safetensors} for {@code model}. */
  public static Path resolve(String model, String revision, HuggingFaceHub hub) {
    if (model == null || model.isBlank()) {
      throw new HubException(HubException.Reason.INVALID_REQUEST, "the model name is empty; "
          + "expected a local model folder, 'gpt2' or a Hub repo id such as "
          + "'openai-community/gpt2'");
    }
    Path local = localPath(model);
    if (local != null && Files.isDirectory(local)) {
      return local;
    }
    String repo = model.equals("gpt2") ? GPT2_SMALL : model;
    return hub.downloadModel(repo, revision == null ? HuggingFaceHub.DEFAULT_REVISION : revision);
  }

  private static Path localPath(String model) {
    try {
      return Path.of(model);
    } catch (java.nio.file.InvalidPathException e) {
      return null; // not a path on this system: a repo id (validated by the hub)
    }
  }

  /** {@link #resolve(String, String, HuggingFaceHub)} with the environment's Hub settings. */
  public static Path resolve(String model) {
    return resolve(model, null, HuggingFaceHub.fromEnvironment());
  }
}
