package dev.circuits.ioi;

import java.util.List;
import java.util.Objects;

/**
 * The five datasets REMIX day 5 Parts 3 and 4 use, built in REMIX's order on one RNG context:
 * {@code ioi} (BABA, N=50, seed 42, one template); {@code flippedIo = ioi.flip(IO)} (continues the RNG
 * after ioi's draws); {@code flippedS = ioi.flip(S)} (fresh seed-42 state); {@code flippedIoS =
 * ioi.flip(IO).flip(S)} (each from a fresh seed-42 state, so S'' of row i mostly equals IO'' of row i+1);
 * {@code flippedIoS1Order = ioi.flip(order)} (no draws; ABBA; labels equal the base labels).
 */
public record RemixDatasets(
    IoiDataset ioi, IoiDataset flippedIo, IoiDataset flippedS, IoiDataset flippedIoS, IoiDataset flippedIoS1Order) {
  /** REMIX's variable names, in construction order. */
  public static final List<String> NAMES = List.of(
      "ioi_dataset", "flipped_IO_dataset", "flipped_S_dataset", "flipped_IO_S_dataset", "flipped_IO_S1_order");

  /** Validates that no dataset is missing. */
  public RemixDatasets {
    Objects.requireNonNull(ioi, "ioi");
    Objects.requireNonNull(flippedIo, "flippedIo");
    Objects.requireNonNull(flippedS, "flippedS");
    Objects.requireNonNull(flippedIoS, "flippedIoS");
    Objects.requireNonNull(flippedIoS1Order, "flippedIoS1Order");
  }

  /** Builds the five datasets with the bundled GPT-2 tokenizer. */
  public static RemixDatasets build() {
    return build(IoiTokenizers.gpt2());
  }

  /** Builds the five datasets with {@code tokenizer}, on a fresh REMIX RNG context. */
  public static RemixDatasets build(IoiTokenizer tokenizer) {
    return build(tokenizer, 50);
  }

  /** The same construction with {@code n} prompts instead of REMIX's 50. */
  public static RemixDatasets build(IoiTokenizer tokenizer, int n) {
    IoiDataset ioi = IoiDataset.builder()
        .promptType(PromptType.BABA)
        .n(n)
        .seed(IoiDataset.DEFAULT_SEED)
        .nbTemplates(1)
        .tokenizer(tokenizer)
        .rng(IoiRng.remix())
        .build();
    IoiDataset flippedIo = ioi.flip(Flip.IO);
    IoiDataset flippedS = ioi.flip(Flip.S);
    IoiDataset flippedIoS = ioi.flip(Flip.IO).flip(Flip.S);
    IoiDataset order = ioi.flip(Flip.ORDER);
    return new RemixDatasets(ioi, flippedIo, flippedS, flippedIoS, order);
  }

  /** The five datasets in construction order (matching {@link #NAMES}). */
  public List<IoiDataset> inOrder() {
    return List.of(ioi, flippedIo, flippedS, flippedIoS, flippedIoS1Order);
  }
}
