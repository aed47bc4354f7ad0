package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The GPT-2 hyper-parameters read from a Hugging Face {@code config.json}. */
public record Gpt2Config(int nLayer, int nHead, int nEmbd, int vocabSize, int nPositions,
    double layerNormEpsilon, String activationFunction) {

  /** GPT-2 small's shapes (124M parameters). */
  public static Gpt2Config small() {
    return new Gpt2Config(12, 12, 768, 50257, 1024, 1e-5, "gelu_new");
  }

  /** Validates sizes and the activation name. */
  public Gpt2Config {
    if (nLayer <= 0 || nHead <= 0 || nEmbd <= 0 || vocabSize <= 0 || nPositions <= 0) {
      throw new CircuitException("GPT-2 config sizes must be positive: n_layer=" + nLayer
          + " n_head=" + nHead + " n_embd=" + nEmbd + " vocab_size=" + vocabSize
          + " n_positions=" + nPositions);
    }
    if (!(layerNormEpsilon > 0) || !Double.isFinite(layerNormEpsilon)) {
      throw new CircuitException("GPT-2 config: layer_norm_epsilon must be a positive finite "
          + "number (GPT-2 uses 1e-5), got " + layerNormEpsilon);
    }
    if (nEmbd % nHead != 0) {
      throw new CircuitException("GPT-2 config: n_embd=" + nEmbd + " is not divisible by n_head="
          + nHead);
    }
    if (!activationFunction.equals("gelu_new") && !activationFunction.equals("gelu")) {
      throw new CircuitException("GPT-2 config: activation_function '" + activationFunction
          + "' is not supported (expected gelu_new or gelu)");
    }
  }

  /** Size of one attention head. */
  public int dHead() {
    return nEmbd / nHead;
  }

  /**
   * The config as a Hugging Face {@code config.json} object (GPT2LMHeadModel, BOS/EOS = the last
   * token); insertion-ordered and mutable, so callers may add keys of their own.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_type", "gpt2");
    m.put("architectures", List.of("GPT2LMHeadModel"));
    m.put("n_layer", (long) nLayer);
    m.put("n_head", (long) nHead);
    m.put("n_embd", (long) nEmbd);
    m.put("vocab_size", (long) vocabSize);
    m.put("n_positions", (long) nPositions);
    m.put("n_ctx", (long) nPositions);
    m.put("layer_norm_epsilon", layerNormEpsilon);
    m.put("activation_function", activationFunction);
    m.put("bos_token_id", (long) vocabSize - 1);
    m.put("eos_token_id", (long) vocabSize - 1);
    return m;
  }

  /**
   * Builds a config from a parsed {@code config.json} object (unknown keys are ignored; missing
   * keys take GPT-2 defaults).
   */
  public static Gpt2Config fromJson(Map<?, ?> json, String source) {
    try {
      return fromJsonFields(json, source);
    } catch (CircuitException e) {
      throw e.getMessage().startsWith(source) ? e
          : new CircuitException(source + ": " + e.getMessage(), e);
    }
  }

  private static Gpt2Config fromJsonFields(Map<?, ?> json, String source) {
    return new Gpt2Config(
        intField(json, "n_layer", 12, source),
        intField(json, "n_head", 12, source),
        intField(json, "n_embd", 768, source),
        intField(json, "vocab_size", 50257, source),
        intField(json, "n_positions", intField(json, "n_ctx", 1024, source), source),
        doubleField(json, "layer_norm_epsilon", 1e-5, source),
        json.containsKey("activation_function")
            ? String.valueOf(json.get("activation_function")) : "gelu_new");
  }

  private static int intField(Map<?, ?> json, String key, int dflt, String source) {
    Object v = json.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new CircuitException(source + ": config field '" + key + "' must be an integer, got "
          + v);
    }
    if (n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE) {
      throw new CircuitException(source + ": config field '" + key + "' = " + v + " is too "
          + "large (at most " + Integer.MAX_VALUE + ")");
    }
    return n.intValue();
  }

  private static double doubleField(Map<?, ?> json, String key, double dflt, String source) {
    Object v = json.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw new CircuitException(source + ": config field '" + key + "' must be a number, got "
          + v);
    }
    return n.doubleValue();
  }
}
