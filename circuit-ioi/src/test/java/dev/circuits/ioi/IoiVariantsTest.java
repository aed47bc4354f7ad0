package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IoiVariantsTest {
  private final IoiDataset base = Fixtures.remix().ioi();

  @Test
  void randomPrefixesShiftEverySlotTogetherAndKeepNames() {
    IoiDataset pre = IoiVariants.withRandomPrefixes(base, 0, 3, 11);
    assertEquals(base.size(), pre.size());
    RolePositions rp = RolePositions.between(base, pre);
    int[] shift = rp.shift("END");
    Set<Integer> shifts = new HashSet<>();
    int[][] bt = base.tokens();
    int[][] pt = pre.tokens();
    for (int i = 0; i < base.size(); i++) {
      PromptMetadata a = base.metadata().get(i);
      PromptMetadata b = pre.metadata().get(i);
      assertEquals(a.withPrefix(b.prefix()), b, "only the prefix differs in prompt " + i);
      for (String role : RolePositions.ROLES) {
        assertEquals(shift[i], rp.shift(role)[i], role + " of prompt " + i);
      }
      shifts.add(shift[i]);
      assertEquals(bt[i][0], pt[i][0], "<|endoftext|> stays first");
      for (int p = 2; p < 16; p++) {
        assertEquals(bt[i][p], pt[i][p + shift[i]], "template token " + p + " of prompt " + i);
      }
      if (shift[i] > 0) {
        assertEquals(3244, pt[i][1 + shift[i]], "' Then' after a prefix");
      }
      for (int p = pre.lengths()[i]; p < pre.maxLength(); p++) {
        assertEquals(IoiDataset.PAD_ID, pt[i][p]);
      }
    }
    assertTrue(shifts.size() > 3, "prefix lengths vary: " + shifts);
    assertTrue(shifts.contains(0));
    assertFalse(rp.aligned("IO"));
    assertArrayEquals(base.ioTokenIds(), pre.ioTokenIds());
  }

  @Test
  void prefixesAreSeededAndSurviveFlips() {
    IoiDataset a = IoiVariants.withRandomPrefixes(base, 1, 4, 5);
    IoiDataset b = IoiVariants.withRandomPrefixes(base, 1, 4, 5);
    IoiDataset c = IoiVariants.withRandomPrefixes(base, 1, 4, 6);
    assertEquals(a.texts(), b.texts());
    assertNotEquals(a.texts(), c.texts());
    IoiDataset flipped = a.flip(Flip.IO);
    RolePositions rp = RolePositions.between(a, flipped);
    for (String role : RolePositions.ROLES) {
      assertTrue(rp.aligned(role), role);
    }
    assertEquals(a.metadata().get(0).prefix(), flipped.metadata().get(0).prefix());
    IoiException e = assertThrows(IoiException.class, () -> IoiVariants.withRandomPrefixes(base, 3, 2, 0));
    assertEquals(IoiException.Kind.INVALID_VARIANT, e.kind());
  }

  @Test
  void everyEndTailHasItsDocumentedDistanceAndKeepsNamePositions() {
    for (int t = 0; t < IoiVariants.END_TAILS.size(); t++) {
      IoiDataset v = IoiVariants.withEndTail(base, t);
      RolePositions rp = RolePositions.between(base, v);
      assertTrue(rp.aligned("IO") && rp.aligned("S1") && rp.aligned("S2"), "tail " + t);
      int d = IoiVariants.END_TAIL_DISTANCES.get(t);
      assertEquals(d, v.alignedPosition("END") - v.alignedPosition("S2"), "tail " + t);
      for (int i = 0; i < base.size(); i++) {
        for (int p = 0; p <= 11; p++) {
          assertEquals(base.tokens(i)[p], v.tokens(i)[p]);
        }
        assertEquals(284, v.tokens(i)[v.position("END", i)]);
      }
      assertArrayEquals(base.ioTokenIds(), v.ioTokenIds());
    }
    assertArrayEquals(base.tokens(), IoiVariants.withEndTail(base, 0).tokens(), "tail 0 is REMIX's template");
    IoiException e = assertThrows(IoiException.class, () -> IoiVariants.withEndTail(base, 5));
    assertEquals(IoiException.Kind.TEMPLATE_INDEX_OUT_OF_RANGE, e.kind());
  }

  @Test
  void otherEndDistancesNeverKeepFourAndWorkOnMixedBases() {
    IoiDataset mixed = IoiDataset.builder().n(30).promptType(PromptType.MIXED).seed(9).build();
    IoiDataset v = IoiVariants.withOtherEndDistances(mixed, 1);
    assertEquals(PromptType.MIXED, v.promptType());
    assertEquals(10, v.nbTemplates());
    Set<Integer> distances = new HashSet<>();
    for (int i = 0; i < v.size(); i++) {
      int d = v.position("END", i) - v.position("S2", i);
      assertNotEquals(4, d, "prompt " + i);
      distances.add(d);
      assertEquals(mixed.position("IO", i), v.position("IO", i));
      assertEquals(mixed.position("S1", i), v.position("S1", i));
      assertEquals(mixed.metadata().get(i).order(), v.metadata().get(i).order());
    }
    assertEquals(Set.of(3, 5, 6, 7), distances);
    assertEquals(v.texts(), IoiVariants.withOtherEndDistances(mixed, 1).texts());
    IoiDataset order = v.flip(Flip.ORDER);
    for (int i = 0; i < v.size(); i++) {
      assertEquals(v.position("IO", i), order.position("S1", i));
      assertEquals(v.position("END", i), order.position("END", i));
    }
    IoiDataset paper = IoiDataset.builder().n(2).promptType(PromptType.BABA).templateSet(TemplateSet.paper()).build();
    IoiException e = assertThrows(IoiException.class, () -> IoiVariants.withOtherEndDistances(paper, 0));
    assertEquals(IoiException.Kind.INVALID_VARIANT, e.kind());
  }

  @Test
  void rolePositionsReadAbcSlotsAndRejectMismatches() {
    IoiDataset abc = base.flip(Flip.S2);
    RolePositions rp = RolePositions.between(base, abc);
    for (String role : RolePositions.ROLES) {
      assertTrue(rp.aligned(role), role);
    }
    assertArrayEquals(abc.wordIdx("IO2"), rp.patch("S1"));
    assertArrayEquals(abc.wordIdx("S"), rp.patch("S2"));
    RolePositions order = RolePositions.between(base, Fixtures.remix().flippedIoS1Order());
    assertEquals(-2, order.shift("IO")[0]);
    assertEquals(2, order.shift("S1")[0]);
    assertTrue(order.aligned("S2") && order.aligned("END"));
    IoiDataset small = IoiDataset.builder().n(3).promptType(PromptType.BABA).build();
    IoiException e = assertThrows(IoiException.class, () -> RolePositions.between(base, small));
    assertEquals(IoiException.Kind.INVALID_VARIANT, e.kind());
    e = assertThrows(IoiException.class, () -> rp.shift("IO1"));
    assertEquals(IoiException.Kind.UNKNOWN_KEY, e.kind());
  }
}
