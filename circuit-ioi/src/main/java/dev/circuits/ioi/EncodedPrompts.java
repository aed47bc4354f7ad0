package dev.circuits.ioi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Texts, tokens and word indices of a list of prompts, computed as REMIX's {@code initialize_prompts} and
 * {@code initialize_word_idx}: tokenize each prompt, decode each token, replace the name tokens by their
 * role placeholders, and take each placeholder's index per prompt.
 */
final class EncodedPrompts {
  static final int PAD_ID = 50256;

  final ImmutableList<String> texts;
  final int[][] tokens;
  final int[] lengths;
  final int maxLength;
  final ImmutableList<ImmutableList<String>> textTokens;
  final ImmutableMap<String, int[]> wordIdx;
  final ImmutableMap<String, int[]> labels;

  private EncodedPrompts(List<String> texts, int[][] tokens, List<ImmutableList<String>> textTokens,
      Map<String, int[]> wordIdx, Map<String, int[]> labels) {
    this.texts = ImmutableList.copyOf(texts);
    this.tokens = tokens;
    this.lengths = new int[tokens.length];
    int max = 0;
    for (int i = 0; i < tokens.length; i++) {
      lengths[i] = tokens[i].length;
      max = Math.max(max, tokens[i].length);
    }
    this.maxLength = max;
    this.textTokens = ImmutableList.copyOf(textTokens);
    this.wordIdx = ImmutableMap.copyOf(wordIdx);
    this.labels = ImmutableMap.copyOf(labels);
  }

  static EncodedPrompts encode(List<PromptMetadata> metadata, List<String> templates, PromptFamily family,
      IoiTokenizer tokenizer) {
    int n = metadata.size();
    List<String> texts = new ArrayList<>(n);
    int[][] tokens = new int[n][];
    List<ImmutableList<String>> textTokens = new ArrayList<>(n);
    String[] roles = family == PromptFamily.IOI ? new String[] {"IO", "S1", "S2"} : new String[] {"IO1", "IO2", "S"};
    Map<String, int[]> wordIdx = new LinkedHashMap<>();
    for (String role : roles) {
      wordIdx.put(role, new int[n]);
    }
    String plusOne = family == PromptFamily.IOI ? "S1+1" : "IO1+1";
    String plusOneOf = family == PromptFamily.IOI ? "S1" : "IO1";
    wordIdx.put(plusOne, new int[n]);
    wordIdx.put("END", new int[n]);
    for (int i = 0; i < n; i++) {
      PromptMetadata m = metadata.get(i);
      String text = PromptText.render(templates.get(m.templateIdx()), m);
      texts.add(text);
      int[] ids = tokenizer.encode(text);
      tokens[i] = ids;
      List<String> strs = new ArrayList<>(tokenizer.tokenStrings(ids));
      annotate(i, text, strs, m, family);
      for (String role : roles) {
        int at = strs.indexOf("{" + role + "}");
        wordIdx.get(role)[i] = at;
      }
      wordIdx.get(plusOne)[i] = wordIdx.get(plusOneOf)[i] + 1;
      wordIdx.get("END")[i] = ids.length - 1;
      textTokens.add(ImmutableList.copyOf(strs));
    }
    Map<String, int[]> labels = new LinkedHashMap<>();
    if (family == PromptFamily.IOI) {
      labels.put("IO", gather(tokens, wordIdx.get("IO")));
      labels.put("S", gather(tokens, wordIdx.get("S1")));
    } else {
      labels.put("IO1", gather(tokens, wordIdx.get("IO1")));
      labels.put("IO2", gather(tokens, wordIdx.get("IO2")));
      labels.put("S", gather(tokens, wordIdx.get("S")));
    }
    return new EncodedPrompts(texts, tokens, textTokens, wordIdx, labels);
  }

  /** REMIX: IOI replaces the two S tokens by {S1},{S2} and the first IO by {IO}; ABC the first of each. */
  private static void annotate(int i, String text, List<String> strs, PromptMetadata m, PromptFamily family) {
    List<Integer> sIdx = occurrences(strs, m.s());
    if (family == PromptFamily.IOI) {
      List<Integer> ioIdx = occurrences(strs, m.io());
      if (sIdx.size() != 2) {
        throw new IoiException(IoiException.Kind.TOKENIZATION, "prompt " + i + " (" + text + "): expected S '"
            + m.s() + "' as a token exactly twice, found it " + sIdx.size() + " times");
      }
      requireFound(i, text, "IO", m.io(), ioIdx);
      strs.set(sIdx.get(0), "{S1}");
      strs.set(sIdx.get(1), "{S2}");
      strs.set(ioIdx.get(0), "{IO}");
    } else {
      List<Integer> io1Idx = occurrences(strs, m.io1());
      List<Integer> io2Idx = occurrences(strs, m.io2());
      requireFound(i, text, "IO1", m.io1(), io1Idx);
      requireFound(i, text, "IO2", m.io2(), io2Idx);
      requireFound(i, text, "S", m.s(), sIdx);
      strs.set(io1Idx.get(0), "{IO1}");
      strs.set(io2Idx.get(0), "{IO2}");
      strs.set(sIdx.get(0), "{S}");
    }
  }

  private static void requireFound(int i, String text, String role, String name, List<Integer> idx) {
    if (idx.isEmpty()) {
      throw new IoiException(IoiException.Kind.TOKENIZATION, "prompt " + i + " (" + text + "): expected " + role
          + " '" + name + "' as a single token (with or without a leading space), found none");
    }
  }

  /** REMIX's {@code get_all_occurence_indices}: tokens equal to " " + x or to x. */
  private static List<Integer> occurrences(List<String> strs, String x) {
    String spaced = " " + x;
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < strs.size(); j++) {
      String e = strs.get(j);
      if (e.equals(spaced) || e.equals(x)) {
        out.add(j);
      }
    }
    return out;
  }

  private static int[] gather(int[][] tokens, int[] idx) {
    int[] out = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      out[i] = tokens[i][idx[i]];
    }
    return out;
  }

  /** Tokens right-padded with {@link #PAD_ID} to the longest prompt. */
  int[][] padded() {
    int[][] out = new int[tokens.length][maxLength];
    for (int i = 0; i < tokens.length; i++) {
      java.util.Arrays.fill(out[i], PAD_ID);
      System.arraycopy(tokens[i], 0, out[i], 0, tokens[i].length);
    }
    return out;
  }
}
