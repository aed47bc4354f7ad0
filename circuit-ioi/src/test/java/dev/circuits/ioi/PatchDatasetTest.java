package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The named patch datasets: names, parsing, and which dataset each one is. */
class PatchDatasetTest {
  @Test
  void namesRoundTripAndUnknownNamesListTheValidOnes() {
    assertEquals(List.of("flipped-io", "flipped-s", "flipped-io-s", "order", "abc"),
        PatchDataset.cliNames());
    for (PatchDataset p : PatchDataset.values()) {
      assertSame(p, PatchDataset.parse(p.cliName()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatchDataset.parse("flipped-x"));
    assertTrue(e.getMessage().contains("'flipped-x'") && e.getMessage().contains("abc"),
        e.getMessage());
  }

  @Test
  void remixPatchesAreRemixsDatasetsAndAbcRepeatsNoName() {
    RemixDatasets d = RemixDatasets.build(IoiTokenizers.gpt2(), 6);
    assertSame(d.flippedIo(), PatchDataset.FLIPPED_IO.of(d));
    assertSame(d.flippedS(), PatchDataset.FLIPPED_S.of(d));
    assertSame(d.flippedIoS(), PatchDataset.FLIPPED_IO_S.of(d));
    assertSame(d.flippedIoS1Order(), PatchDataset.ORDER.of(d));
    IoiDataset abc = PatchDataset.ABC.of(d);
    assertEquals(PromptFamily.ABC, abc.family());
    assertEquals(d.ioi().maxLength(), abc.maxLength());
    assertNotEquals(Arrays.deepToString(d.ioi().tokens()), Arrays.deepToString(abc.tokens()));
  }
}
