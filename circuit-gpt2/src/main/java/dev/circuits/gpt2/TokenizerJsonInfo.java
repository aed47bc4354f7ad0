package dev.circuits.gpt2;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
    JsonObject root;
    try (Reader reader =
        new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8)) {
      JsonElement element = JsonParser.parseReader(reader);
      if (!element.isJsonObject()) {
        throw new TokenizerException(source + ": expected a JSON object at the top level");
      }
      root = element.getAsJsonObject();
    } catch (JsonParseException | java.io.IOException e) {
      throw new TokenizerException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonObject model = root.getAsJsonObject("model");
    if (model == null || !model.has("vocab") || !model.get("vocab").isJsonObject()) {
      throw new TokenizerException(
          source + ": expected a tokenizer.json with an object \"model.vocab\" (Hugging Face format)");
    }
    int maxId = -1;
    int eos = -1;
    for (Map.Entry<String, JsonElement> e : model.getAsJsonObject("vocab").entrySet()) {
      int id = e.getValue().getAsInt();
      maxId = Math.max(maxId, id);
      if (END_OF_TEXT.equals(e.getKey())) {
        eos = id;
      }
    }
    if (root.has("added_tokens") && root.get("added_tokens").isJsonArray()) {
      for (JsonElement t : root.getAsJsonArray("added_tokens")) {
        JsonObject token = t.getAsJsonObject();
        int id = token.get("id").getAsInt();
        maxId = Math.max(maxId, id);
        if (END_OF_TEXT.equals(token.get("content").getAsString())) {
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
}
