package dev.circuits.gpt2;

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
    Path local = Path.of(model);
    if (Files.isDirectory(local)) {
      return local;
    }
    String repo = model.equals("gpt2") ? GPT2_SMALL : model;
    return hub.downloadModel(repo, revision == null ? HuggingFaceHub.DEFAULT_REVISION : revision);
  }

  /** {@link #resolve(String, String, HuggingFaceHub)} with the environment's Hub settings. */
  public static Path resolve(String model) {
    return resolve(model, null, HuggingFaceHub.fromEnvironment());
  }
}
