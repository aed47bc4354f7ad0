package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.experiments.SignalDatasets.Position;
import dev.circuits.ioi.experiments.SignalDatasets.Token;
import org.junit.jupiter.api.Test;

/** The paper's token / position signal datasets: what each one repeats, where, and alignment. */
class SignalDatasetsTest {
  private static final RemixDatasets DS = RemixDatasets.build(IoiTokenizers.gpt2(), 10);

  /** The token at {@code role}'s position in every prompt of {@code ds}. */
  private static int[] tokenAt(IoiDataset ds, String role) {
    int[] pos = ds.wordIdx(role);
    int[] out = new int[ds.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ds.tokens(i)[pos[i]];
    }
    return out;
  }

  @Test
  void everyCellHasTheRepeatedNameAndSlotItPromises() {
    IoiDataset base = DS.ioi();
    int[] io = base.ioTokenIds();
    int[] s = base.sTokenIds();
    for (Token t : Token.values()) {
      for (Position p : Position.values()) {
        IoiDataset ds = SignalDatasets.of(base, DS.flippedS(), t, p);
        assertArrayEquals(base.lengths(), ds.lengths(), t + "/" + p);
        int[] repeated = tokenAt(ds, "S2");
        assertArrayEquals(repeated, tokenAt(ds, "S1"), "S is repeated");
        switch (t) {
          case ORIGINAL -> assertArrayEquals(s, repeated);
          case RANDOM -> assertArrayEquals(DS.flippedS().sTokenIds(), repeated);
          case INVERTED -> assertArrayEquals(io, repeated, "the old IO is repeated");
          default -> throw new AssertionError(t);
        }
        int s1Slot = ds.wordIdx("S1")[0];
        int baseS1 = base.wordIdx("S1")[0];
        assertEquals(p == Position.ORIGINAL, s1Slot == baseS1, t + "/" + p + ": S1 at " + s1Slot);
        assertEquals(p == Position.ORIGINAL ? base.wordIdx("IO")[0] : baseS1,
            ds.wordIdx("IO")[0], "IO takes S1's slot when the position is inverted");
      }
    }
  }

  @Test
  void swappingNamesExchangesTheLabels() {
    IoiDataset swapped = SignalDatasets.swapNames(DS.ioi());
    assertArrayEquals(DS.ioi().sTokenIds(), swapped.ioTokenIds());
    assertArrayEquals(DS.ioi().ioTokenIds(), swapped.sTokenIds());
    assertEquals(DS.ioi().templates(), swapped.templates());
  }

  @Test
  void unalignedDatasetsAreRejected() {
    IoiDataset prefixed = IoiVariants.withRandomPrefixes(DS.ioi(), 1, 2, 1);
    IoiException e = assertThrows(IoiException.class,
        () -> SignalDatasets.of(DS.ioi(), prefixed, Token.RANDOM, Position.ORIGINAL));
    assertEquals(IoiException.Kind.UNALIGNED, e.kind());
    IoiException abc = assertThrows(IoiException.class,
        () -> SignalDatasets.swapNames(DS.ioi().flip("S1")));
    assertEquals(IoiException.Kind.INVALID_VARIANT, abc.kind());
  }
}
