package dev.circuits.gpt2;

import dev.circuits.core.internal.Json;
import dev.circuits.core.io.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Facts read from a Hugging Face {@code tokenizer.json}: vocabulary size and the end-of-text id. */
final class TokenizerJsonInfo {
  static final String END_OF_TEXT = "<|endoftext|>";

  private final int vocabSize;
  private final int eosTokenId;

  private TokenizerJsonInfo(int vocabSize, int eosTokenId) {
    this.vocabSize = vocabSize;
    this.eosTokenId = eosTokenId;
  }

  int vocabSize() {
    return vocabSize;
  }

  int eosTokenId() {
    return eosTokenId;
  }

  /** Parses {@code json}; {@code source} names the file in error messages. */
  static TokenizerJsonInfo parse(byte[] json, String source) {
    Object parsed;
    try {
      parsed = Json.parse(new String(json, StandardCharsets.UTF_8));
    } catch (JsonException e) {
      throw new TokenizerException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> root)) {
      throw new TokenizerException(source + ": expected a JSON object at the top level");
    }
    if (!(root.get("model") instanceof Map<?, ?> model) || !(model.get("vocab") instanceof Map<?, ?>)) {
      throw new TokenizerException(
          source + ": expected a tokenizer.json with an object \"model.vocab\" (Hugging Face format)");
    }
    int maxId = -1;
    int eos = -1;
    for (Map.Entry<?, ?> e : ((Map<?, ?>) model.get("vocab")).entrySet()) {
      int id = intValue(e.getValue(), source);
      maxId = Math.max(maxId, id);
      if (END_OF_TEXT.equals(e.getKey())) {
        eos = id;
      }
    }
    if (root.get("added_tokens") instanceof List<?> added) {
      for (Object t : added) {
        if (!(t instanceof Map<?, ?> token)) {
          throw new TokenizerException(source + ": added_tokens entries must be objects");
        }
        int id = intValue(token.get("id"), source);
        maxId = Math.max(maxId, id);
        if (END_OF_TEXT.equals(token.get("content"))) {
          eos = id;
        }
      }
    }
    if (eos < 0) {
      throw new TokenizerException(
          source + ": no token \"" + END_OF_TEXT + "\" in model.vocab or added_tokens;"
              + " expected a GPT-2 family tokenizer");
    }
    return new TokenizerJsonInfo(maxId + 1, eos);
  }

  private static int intValue(Object v, String source) {
    if (!(v instanceof Long l)) {
      throw new TokenizerException(source + ": expected an integer token id, got " + v);
    }
    return Math.toIntExact(l);
  }
}
