package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loads a GPT-2 checkpoint in the Hugging Face layout ({@code config.json}, safetensors). */
public final class Gpt2Checkpoint {
  /** File name of the weights in a model folder. */
  public static final String WEIGHTS = "model.safetensors";
  /** File name of the configuration in a model folder. */
  public static final String CONFIG = "config.json";

  private Gpt2Checkpoint() {}

  /** Reads {@code config.json}. */
  public static Gpt2Config readConfig(Path configJson) {
    String text;
    try {
      text = Files.readString(configJson, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CircuitException("cannot read GPT-2 config " + configJson + ": " + e.getMessage(),
          e);
    }
    Object json = Json.parse(text, configJson.toString());
    if (!(json instanceof Map<?, ?> map)) {
      throw new CircuitException(configJson + ": expected a JSON object");
    }
    return Gpt2Config.fromJson(map, configJson.toString());
  }

  /** Loads config and weights from a model folder. */
  public static Gpt2Weights load(Path dir) {
    Path config = dir.resolve(CONFIG);
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
      throw new CircuitException("not a GPT-2 model folder: " + dir + " (expected " + CONFIG
          + " and " + WEIGHTS + ")");
    }
    Gpt2Config cfg = readConfig(config);
    Map<String, INDArray> state = new LinkedHashMap<>();
    try (SafetensorsFile f = Safetensors.open(weights)) {
      for (String name : f.names()) {
        if (name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) {
          continue;
        }
        state.put(name, f.read(name));
      }
    }
    return Gpt2Weights.fromHuggingFace(cfg, state, weights.toString());
  }
}
