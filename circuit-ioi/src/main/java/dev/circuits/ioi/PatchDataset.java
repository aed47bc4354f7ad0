package dev.circuits.ioi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The named patch datasets of the IOI experiments, as the command line spells them: REMIX's four
 * Part-3 flips of a baseline and {@code abc} (S1 replaced by a third name, so S is no longer
 * repeated). Example: {@code PatchDataset.parse("flipped-io").flip(base)}.
 */
public enum PatchDataset {
  /** The IO name re-drawn. */
  FLIPPED_IO,
  /** The S name re-drawn (both occurrences). */
  FLIPPED_S,
  /** IO re-drawn, then S re-drawn. */
  FLIPPED_IO_S,
  /** The template mirrored (IO and S1 swap slots), names kept. */
  ORDER,
  /** S1 replaced by a new name (the ABC family). */
  ABC;

  /** The command-line name ({@code flipped-io-s}). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every command-line name, in order. */
  public static List<String> cliNames() {
    return Arrays.stream(values()).map(PatchDataset::cliName).toList();
  }

  /** The dataset called {@code name}; throws naming the valid names otherwise. */
  public static PatchDataset parse(String name) {
    for (PatchDataset p : values()) {
      if (p.cliName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown patch dataset '" + name + "'; expected one of "
        + cliNames());
  }

  /** This patch of {@code base}, drawn from {@code base}'s RNG context as REMIX's flips are. */
  public IoiDataset flip(IoiDataset base) {
    return switch (this) {
      case FLIPPED_IO -> base.flip(Flip.IO);
      case FLIPPED_S -> base.flip(Flip.S);
      case FLIPPED_IO_S -> base.flip(Flip.IO).flip(Flip.S);
      case ORDER -> base.flip(Flip.ORDER);
      case ABC -> base.flip(Flip.S1);
    };
  }

  /** This patch as REMIX's Part-3 construction made it ({@code abc}: flipped from the baseline). */
  public IoiDataset of(RemixDatasets d) {
    return switch (this) {
      case FLIPPED_IO -> d.flippedIo();
      case FLIPPED_S -> d.flippedS();
      case FLIPPED_IO_S -> d.flippedIoS();
      case ORDER -> d.flippedIoS1Order();
      case ABC -> ABC.flip(d.ioi());
    };
  }
}
