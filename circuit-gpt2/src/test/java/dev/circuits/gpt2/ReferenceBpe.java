package dev.circuits.gpt2;

import dev.circuits.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test oracle: a from-scratch GPT-2 byte-level BPE encoder (OpenAI's encoder.py algorithm), independent
 * of DJL and the Rust tokenizers. Reads the vocabulary and merges of the bundled tokenizer.json, which
 * equal OpenAI's encoder.json and vocab.bpe (checked when the file was bundled).
 */
final class ReferenceBpe {
  private static final Pattern PRE_TOKENIZE =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);
  private static final String EOT = "<|endoftext|>";

  private final Map<String, Integer> vocab = new HashMap<>();
  private final Map<String, Integer> ranks = new HashMap<>();
  private final char[] byteToChar = new char[256];
  private final Map<String, List<String>> cache = new HashMap<>();

  private ReferenceBpe() {}

  static ReferenceBpe load() {
    ReferenceBpe bpe = new ReferenceBpe();
    try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream(Gpt2Tokenizer.BUNDLED_RESOURCE)) {
      Map<?, ?> root = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<?, ?> model = (Map<?, ?>) root.get("model");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) model.get("vocab")).entrySet()) {
        bpe.vocab.put((String) e.getKey(), Math.toIntExact((Long) e.getValue()));
      }
      List<?> merges = (List<?>) model.get("merges");
      for (int i = 0; i < merges.size(); i++) {
        Object m = merges.get(i);
        String key = m instanceof List<?> pair ? pair.get(0) + " " + pair.get(1) : (String) m;
        bpe.ranks.put(key, i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    bpe.initBytesToUnicode();
    return bpe;
  }

  /** OpenAI's bytes_to_unicode: printable bytes map to themselves, the rest to 256+n. */
  private void initBytesToUnicode() {
    boolean[] printable = new boolean[256];
    for (int b = '!'; b <= '~'; b++) {
      printable[b] = true;
    }
    for (int b = 0xA1; b <= 0xAC; b++) {
      printable[b] = true;
    }
    for (int b = 0xAE; b <= 0xFF; b++) {
      printable[b] = true;
    }
    int n = 0;
    for (int b = 0; b < 256; b++) {
      byteToChar[b] = printable[b] ? (char) b : (char) (256 + n++);
    }
  }

  int[] encode(String text) {
    List<Integer> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int at = text.indexOf(EOT, start);
      encodeOrdinary(text.substring(start, at < 0 ? text.length() : at), out);
      if (at < 0) {
        break;
      }
      out.add(vocab.get(EOT));
      start = at + EOT.length();
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private void encodeOrdinary(String text, List<Integer> out) {
    Matcher m = PRE_TOKENIZE.matcher(text);
    while (m.find()) {
      byte[] bytes = m.group().getBytes(StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder();
      for (byte b : bytes) {
        sb.append(byteToChar[b & 0xFF]);
      }
      for (String piece : bpe(sb.toString())) {
        Integer id = vocab.get(piece);
        if (id == null) {
          throw new IllegalStateException("reference BPE: no id for piece '" + piece + "'");
        }
        out.add(id);
      }
    }
  }

  private List<String> bpe(String token) {
    List<String> cached = cache.get(token);
    if (cached != null) {
      return cached;
    }
    List<String> word = new ArrayList<>();
    token.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
    while (word.size() > 1) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      String a = word.get(best);
      String b = word.get(best + 1);
      List<String> merged = new ArrayList<>();
      for (int i = 0; i < word.size(); i++) {
        if (i + 1 < word.size() && word.get(i).equals(a) && word.get(i + 1).equals(b)) {
          merged.add(a + b);
          i++;
        } else {
          merged.add(word.get(i));
        }
      }
      word.clear();
      word.addAll(merged);
    }
    cache.put(token, List.copyOf(word));
    return word;
  }
}
