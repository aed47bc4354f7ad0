package dev.circuits.cli;

import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiRng;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.PromptType;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The dataset options of the IOI experiment commands: REMIX's single template (aligned
 * positions), {@code --n} prompts of {@code --type}, {@code --seed}; and the named patch datasets.
 */
final class IoiDataOptions {
  /** Patch dataset names accepted by {@link #patch}, in REMIX's order, plus {@code abc}. */
  static final List<String> PATCHES = PatchDataset.cliNames();

  @Option(names = "--n", defaultValue = "50", description = "Number of prompts (default 50).")
  int n;

  @Option(names = "--seed", defaultValue = "42", description = "Dataset seed (REMIX: 42).")
  long seed;

  @Option(names = "--type", defaultValue = "BABA", description = "BABA, ABBA or mixed.")
  String type;

  /** The base dataset (REMIX's construction: one template, REMIX's RNG context). */
  IoiDataset base() {
    return IoiDataset.builder().n(n).seed(seed).nbTemplates(1).rng(IoiRng.remix())
        .promptType(PromptType.parse(type)).build();
  }

  /**
   * {@code base} flipped as REMIX's Part-3 datasets are: IO re-drawn, S re-drawn, both, the order
   * mirrored, or {@code abc} (S1 replaced by a new name, so S is no longer repeated).
   */
  static IoiDataset patch(IoiDataset base, String name) {
    return PatchDataset.parse(name).flip(base);
  }

}
