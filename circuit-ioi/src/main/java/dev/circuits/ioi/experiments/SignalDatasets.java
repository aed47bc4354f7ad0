package dev.circuits.ioi.experiments;

import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.PromptFamily;
import dev.circuits.ioi.PromptMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IOI paper's signal-specific datasets (App. A) built from an IOI baseline: the <em>token
 * signal</em> (which name is S, the repeated one) and the <em>position signal</em> (whether S
 * fills the first or the second name slot) varied independently. Every dataset has the baseline's
 * prompt lengths and END positions (names are single tokens), so it can be patched into it.
 * Example: {@code SignalDatasets.of(base, base.flip(Flip.S), Token.INVERTED, Position.ORIGINAL)}.
 */
public final class SignalDatasets {
  private SignalDatasets() {}

  /** The token signal: S's identity. */
  public enum Token {
    /** S as in the baseline. */
    ORIGINAL,
    /** S replaced by a new name (REMIX's flipped S). */
    RANDOM,
    /** S and IO swapped: the baseline's IO is now the repeated name. */
    INVERTED;

    /** The label in tables. */
    public String label() {
      return this == INVERTED ? "inverted (S<->IO)" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The regressor value: +1 original, 0 random, -1 inverted. */
    public int sign() {
      return 1 - ordinal();
    }
  }

  /** The position signal: which name slot S1 fills. */
  public enum Position {
    /** The baseline's template. */
    ORIGINAL,
    /** The template mirrored (REMIX's order flip): IO and S1 swap slots, names kept. */
    INVERTED;

    /** The label in tables. */
    public String label() {
      return this == INVERTED ? "inverted (IO/S1 order)" : "original";
    }

    /** The regressor value: +1 original, -1 inverted. */
    public int sign() {
      return this == ORIGINAL ? 1 : -1;
    }
  }

  /**
   * The baseline with the given signals; {@code randomS} is the baseline with S redrawn (passed
   * in so that the caller decides where the RNG draws happen).
   */
  public static IoiDataset of(IoiDataset base, IoiDataset randomS, Token token,
      Position position) {
    checkAligned(base, randomS, "the random-S dataset");
    IoiDataset named = switch (token) {
      case ORIGINAL -> base;
      case RANDOM -> randomS;
      case INVERTED -> swapNames(base);
    };
    IoiDataset out = position == Position.ORIGINAL ? named : named.flip(Flip.ORDER);
    checkAligned(base, out, "the " + token.label() + " token / " + position.label()
        + " position dataset");
    return out;
  }

  /** {@code ds} with the names of S and IO exchanged in every prompt (templates unchanged). */
  public static IoiDataset swapNames(IoiDataset ds) {
    if (ds.family() != PromptFamily.IOI) {
      throw new IoiException(IoiException.Kind.INVALID_VARIANT, "swapping S and IO needs an IOI "
          + "dataset, got " + ds.family());
    }
    List<PromptMetadata> swapped = new ArrayList<>(ds.size());
    for (PromptMetadata m : ds.metadata()) {
      swapped.add(m.withIo(m.s()).withS(m.io()));
    }
    return ds.toBuilder().metadata(swapped).build();
  }

  /** Throws unless {@code other} has {@code base}'s size, prompt lengths and END positions. */
  public static void checkAligned(IoiDataset base, IoiDataset other, String what) {
    if (other.size() != base.size() || !Arrays.equals(other.lengths(), base.lengths())
        || !Arrays.equals(other.wordIdx("END"), base.wordIdx("END"))) {
      throw new IoiException(IoiException.Kind.UNALIGNED, what + " does not align with the "
          + "baseline (" + other.size() + " prompts, max length " + other.maxLength()
          + "; expected " + base.size() + " prompts with the baseline's lengths, max "
          + base.maxLength() + ", and END positions)");
    }
  }
}
