package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.ioi.IoiWords;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The tokens that the tests outside IOI (random tokens repeated twice) draw from. The planted
 * model's duplicate-token, previous-token and induction heads read only the identities of the 99
 * IOI names (PLANTED.md), so on its architecture the vocabulary is those names; on any other
 * model it is every GPT-2 token below {@code <|endoftext|>} (no special tokens).
 */
public record RepeatVocabulary(String description, int[] ids) {
  /** GPT-2's {@code <|endoftext|>}, the only special token; sequences start with it. */
  public static final int END_OF_TEXT = 50256;

  /** Copies the ids; a vocabulary needs at least two tokens. */
  public RepeatVocabulary {
    if (ids.length < 2) {
      throw new IllegalArgumentException("vocabulary '" + description + "' has " + ids.length
          + " tokens; need at least 2");
    }
    ids = ids.clone();
  }

  /** The IOI names on the planted architecture, else the ordinary GPT-2 tokens. */
  public static RepeatVocabulary forModel(Gpt2Config config) {
    return config.equals(PlantedIoiModel.config()) ? names() : ordinary(config.vocabSize());
  }

  /** The 99 IOI names as GPT-2 tokens. */
  public static RepeatVocabulary names() {
    List<String> names = IoiWords.remix().names();
    return new RepeatVocabulary("the " + names.size() + " IOI names (the planted heads only "
        + "detect repeated names)", names.stream().mapToInt(IoiWords.remix()::tokenId).toArray());
  }

  /** Every token id below {@code min(vocabSize, <|endoftext|>)}. */
  public static RepeatVocabulary ordinary(int vocabSize) {
    int size = Math.min(vocabSize, END_OF_TEXT);
    return new RepeatVocabulary(size + " ordinary GPT-2 tokens (no special tokens)",
        IntStream.range(0, size).toArray());
  }

  /** The number of tokens. */
  public int size() {
    return ids.length;
  }
}
