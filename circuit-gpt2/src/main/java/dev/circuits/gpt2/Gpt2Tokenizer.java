package dev.circuits.gpt2;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GPT-2's byte-level BPE tokenizer (Hugging Face {@code tokenizers} through DJL).
 *
 * <p>No special tokens are added: {@code encode("<|endoftext|>Then")} is {@code [50256, 6423]}, and
 * {@code decode(encode(s))} equals {@code s} for every string. Holds native memory: close it.
 *
 * <pre>{@code
 * try (Gpt2Tokenizer tok = Gpt2Tokenizer.bundled()) {
 *   int[] ids = tok.encode("When Mary and John went to the store");
 * }
 * }</pre>
 */
public final class Gpt2Tokenizer implements AutoCloseable {
  /** GPT-2's {@code <|endoftext|>} id, also used for padding. */
  public static final int GPT2_EOS_TOKEN_ID = 50256;

  static final String BUNDLED_RESOURCE = "gpt2-bpe/tokenizer.json";

  /** DJL options: never add special tokens, truncate or pad; we pad ourselves. */
  private static final Map<String, String> OPTIONS =
      Map.of(
          "addSpecialTokens", "false",
          "truncation", "false",
          "padding", "false",
          "withOverflowingTokens", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final String source;
  private final int vocabSize;
  private final int eosTokenId;

  private Gpt2Tokenizer(HuggingFaceTokenizer tokenizer, String source, TokenizerJsonInfo info) {
    this.tokenizer = tokenizer;
    this.source = source;
    this.vocabSize = info.vocabSize();
    this.eosTokenId = info.eosTokenId();
  }

  /** The GPT-2 tokenizer bundled with this library (the vocabulary of every GPT-2 size). */
  public static Gpt2Tokenizer bundled() {
    try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new TokenizerException(
            "bundled resource dev/circuits/gpt2/" + BUNDLED_RESOURCE + " is missing from the classpath");
      }
      return load(in.readAllBytes(), "bundled GPT-2 tokenizer.json");
    } catch (IOException e) {
      throw new TokenizerException("cannot read bundled GPT-2 tokenizer.json: " + e.getMessage(), e);
    }
  }

  /** Loads a Hugging Face {@code tokenizer.json}, e.g. the one downloaded next to model weights. */
  public static Gpt2Tokenizer fromFile(Path tokenizerJson) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TokenizerException("cannot read tokenizer file " + file + ": " + e, e);
    }
    return load(bytes, file.toString());
  }

  private static Gpt2Tokenizer load(byte[] json, String source) {
    TokenizerJsonInfo info = TokenizerJsonInfo.parse(json, source);
    try {
      // The stream variant ignores any tokenizer_config.json beside the file, so decode never
      // applies "clean_up_tokenization_spaces" and always round-trips.
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
      return new Gpt2Tokenizer(tokenizer, source, info);
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      throw new TokenizerException(
          "cannot load tokenizer " + source + " with DJL/Hugging Face tokenizers (its native library"
              + " extracts to ~/.djl.ai; set DJL_CACHE_DIR to a writable folder if that fails): " + e,
          e);
    }
  }

  /** Token ids of {@code text}; no special tokens added, {@code <|endoftext|>} becomes its id. */
  public int[] encode(String text) {
    long[] ids = encodeToLongs(text);
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** Token ids of {@code text} as longs (ND4J index arrays); same ids as {@link #encode}. */
  public long[] encodeToLongs(String text) {
    Objects.requireNonNull(text, "text");
    Encoding encoding = tokenizer.encode(text, false, false);
    return encoding.getIds();
  }

  /** Encodes each text and right-pads to the longest with {@link #eosTokenId()}. */
  public EncodedBatch encodeBatch(List<String> texts) {
    return encodeBatch(texts, eosTokenId);
  }

  /** Encodes each text and right-pads to the longest with {@code padId}. */
  public EncodedBatch encodeBatch(List<String> texts, int padId) {
    Objects.requireNonNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
    }
    if (texts.isEmpty()) {
      return new EncodedBatch(new int[0][], new int[0], padId);
    }
    Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
    int width = 0;
    for (Encoding e : encodings) {
      width = Math.max(width, e.getIds().length);
    }
    int[][] ids = new int[texts.size()][width];
    int[] lengths = new int[texts.size()];
    for (int b = 0; b < encodings.length; b++) {
      long[] row = encodings[b].getIds();
      lengths[b] = row.length;
      Arrays.fill(ids[b], padId);
      for (int t = 0; t < row.length; t++) {
        ids[b][t] = Math.toIntExact(row[t]);
      }
    }
    return new EncodedBatch(ids, lengths, padId);
  }

  /** The text of {@code ids}, special tokens included (so {@code decode(encode(s))} is {@code s}). */
  public String decode(int[] ids) {
    return tokenizer.decode(checkedIds(ids), false);
  }

  /** The text of each id on its own, e.g. {@code [" Mary", " and"]}; partial UTF-8 bytes show as U+FFFD. */
  public List<String> tokenStrings(int[] ids) {
    long[] checked = checkedIds(ids);
    if (checked.length == 0) {
      return List.of();
    }
    long[][] singles = new long[checked.length][];
    for (int i = 0; i < checked.length; i++) {
      singles[i] = new long[] {checked[i]};
    }
    List<String> out = new ArrayList<>(checked.length);
    Collections.addAll(out, tokenizer.batchDecode(singles, false));
    return Collections.unmodifiableList(out);
  }

  /** The id of {@code <|endoftext|>} (50256 for GPT-2). */
  public int eosTokenId() {
    return eosTokenId;
  }

  /** Number of ids in the vocabulary, special tokens included (50257 for GPT-2). */
  public int vocabSize() {
    return vocabSize;
  }

  /** Where this tokenizer was loaded from (a file path or "bundled GPT-2 tokenizer.json"). */
  public String source() {
    return source;
  }

  /** Frees the native tokenizer. */
  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "Gpt2Tokenizer[" + source + ", vocabSize=" + vocabSize + "]";
  }

  private long[] checkedIds(int[] ids) {
    Objects.requireNonNull(ids, "ids");
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= vocabSize) {
        throw new TokenizerException(
            "token id " + ids[i] + " at index " + i + " is outside the vocabulary [0, " + vocabSize
                + ") of " + source);
      }
      out[i] = ids[i];
    }
    return out;
  }
}
