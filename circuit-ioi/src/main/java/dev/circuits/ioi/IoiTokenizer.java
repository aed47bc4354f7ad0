package dev.circuits.ioi;

/**
 * What an IOI dataset needs from a tokenizer: encode a prompt (the literal {@code <|endoftext|>} becomes
 * token 50256, no prefix space added) and decode one token to its text (REMIX matches names against
 * these per-token strings).
 */
public interface IoiTokenizer {
  /** Token ids of {@code text}. */
  int[] encode(String text);

  /** The text of one token (e.g. " Matthew"). */
  String decode(int tokenId);
}
