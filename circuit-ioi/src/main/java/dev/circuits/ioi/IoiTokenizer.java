package dev.circuits.ioi;

import java.util.List;

/**
 * What an IOI dataset needs from a tokenizer: encode a prompt (the literal {@code <|endoftext|>} becomes
 * token 50256, no prefix space added) and decode each token on its own (REMIX matches names against
 * these per-token strings).
 */
public interface IoiTokenizer {
  /** Token ids of {@code text}. */
  int[] encode(String text);

  /** The text of each token decoded on its own (e.g. {@code [" Matthew", " and"]}). */
  List<String> tokenStrings(int[] ids);
}
