package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The five Part 3/4 datasets against remix-ioi.md §2.3-2.5 and Appendices A and B. */
class RemixDatasetsTest {
  private final RemixDatasets d = Fixtures.remix();

  @Test
  void tokenChecksumsMatchAppendixB() {
    Map<String, Object> expected = Fixtures.json("sha256_prefix_of_json_tokens");
    List<IoiDataset> all = d.inOrder();
    for (int k = 0; k < all.size(); k++) {
      String name = RemixDatasets.NAMES.get(k);
      String sha = Fixtures.sha256Hex(Fixtures.pythonJson(all.get(k).tokens()));
      assertEquals(expected.get(name), sha.substring(0, 16), name);
    }
  }

  @Test
  void promptZeroTokens() {
    assertArrayEquals(new int[] {50256, 6423, 11, 9308, 290, 39607, 1816, 284, 262, 4436, 13, 9308, 2921, 257, 9669,
        284}, d.ioi().tokens(0));
    assertEquals("<|endoftext|>Then, Matthew and Alicia went to the hospital. Matthew gave a basketball to",
        d.ioi().texts().get(0));
    assertEquals("<|endoftext|>Then, Alicia and Matthew went to the hospital. Matthew gave a basketball to",
        d.flippedIoS1Order().texts().get(0));
  }

  @Test
  void wordIdxMatchesTheFixturePerPrompt() {
    Map<String, Object> wi = Fixtures.json("word_idx");
    checkWordIdx(d.ioi(), asMap(wi.get("BABA")));
    checkWordIdx(d.flippedIo(), asMap(wi.get("BABA")));
    checkWordIdx(d.flippedS(), asMap(wi.get("BABA")));
    checkWordIdx(d.flippedIoS(), asMap(wi.get("BABA")));
    checkWordIdx(d.flippedIoS1Order(), asMap(wi.get("ABBA")));
    assertEquals(15, d.ioi().alignedPosition("END"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static void checkWordIdx(IoiDataset ds, Map<String, Object> expected) {
    assertEquals(expected.keySet(), ds.wordIdxKeys());
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      int[] idx = ds.wordIdx(e.getKey());
      assertEquals(50, idx.length);
      for (int i = 0; i < idx.length; i++) {
        assertEquals(((Long) e.getValue()).intValue(), idx[i], e.getKey() + " of prompt " + i);
      }
    }
  }

  @Test
  void everyRowOfAppendixA() {
    List<String[]> rows = Fixtures.appendixA();
    assertEquals(50, rows.size());
    int[] io = d.ioi().ioTokenIds();
    int[] s = d.ioi().sTokenIds();
    for (String[] r : rows) {
      int i = Integer.parseInt(r[0]);
      PromptMetadata m = d.ioi().metadata().get(i);
      assertEquals(List.of(r[1], r[2], r[3], r[4]), List.of(m.s(), m.io(), m.place(), m.object()), "row " + i);
      assertEquals(Integer.parseInt(r[5]), io[i], "IO token of row " + i);
      assertEquals(Integer.parseInt(r[6]), s[i], "S token of row " + i);
      assertEquals(r[7], d.flippedIo().metadata().get(i).io(), "IO' of row " + i);
      assertEquals(r[8], d.flippedS().metadata().get(i).s(), "S' of row " + i);
      assertEquals(r[9], d.flippedIoS().metadata().get(i).io(), "IO'' of row " + i);
      assertEquals(r[10], d.flippedIoS().metadata().get(i).s(), "S'' of row " + i);
    }
  }

  @Test
  void appendixAStatisticsOfTheDoubleFlip() {
    int unchanged = 0;
    int shifted = 0;
    for (int i = 0; i < 50; i++) {
      if (d.flippedIoS().metadata().get(i).io().equals(d.ioi().metadata().get(i).io())) {
        unchanged++;
      }
      if (i < 49 && d.flippedIoS().metadata().get(i).s().equals(d.flippedIoS().metadata().get(i + 1).io())) {
        shifted++;
      }
      assertNotEquals(d.ioi().metadata().get(i).io(), d.flippedIo().metadata().get(i).io(), "row " + i);
      assertNotEquals(d.ioi().metadata().get(i).s(), d.flippedS().metadata().get(i).s(), "row " + i);
    }
    assertEquals(2, unchanged, "IO'' keeps the original IO in rows 2 and 16");
    assertEquals("Matthew", d.flippedIoS().metadata().get(2).io());
    assertEquals("Ashley", d.flippedIoS().metadata().get(16).io());
    assertEquals(48, shifted);
  }

  @Test
  void typesFamiliesAndTheOrderFlipQuirk() {
    for (int k = 0; k < 4; k++) {
      assertEquals(PromptType.BABA, d.inOrder().get(k).promptType());
    }
    IoiDataset order = d.flippedIoS1Order();
    assertEquals(PromptType.ABBA, order.promptType());
    assertEquals(PromptFamily.IOI, order.family());
    assertArrayEquals(d.ioi().ioTokenIds(), order.ioTokenIds());
    assertArrayEquals(d.ioi().sTokenIds(), order.sTokenIds());
    for (PromptMetadata m : order.metadata()) {
      assertEquals("BAB", m.order(), "the order field is stale after an order flip, as in REMIX");
    }
    for (IoiDataset ds : d.inOrder()) {
      assertEquals(42, ds.seed());
      assertEquals(16, ds.maxLength());
      assertEquals(1, ds.nbTemplates());
    }
  }

  @Test
  void flipsKeepPositionsAndChangeOnlyTheFlippedTokens() {
    int[][] base = d.ioi().tokens();
    int[][] fio = d.flippedIo().tokens();
    int[][] fs = d.flippedS().tokens();
    for (int i = 0; i < 50; i++) {
      for (int p = 0; p < 16; p++) {
        if (p != 5) {
          assertEquals(base[i][p], fio[i][p], "IO flip touched position " + p + " of prompt " + i);
        }
        if (p != 3 && p != 11) {
          assertEquals(base[i][p], fs[i][p], "S flip touched position " + p + " of prompt " + i);
        }
      }
      assertEquals(fs[i][3], fs[i][11]);
    }
    assertArrayEquals(d.ioi().wordIdx("END"), d.flippedIo().wordIdx("END"));
  }

  @Test
  void eachConstructionReseedsSoRepeatedFlipsDifferOnlyWhereREMIXsDo() {
    IoiDataset ioi = IoiDataset.builder().promptType(PromptType.BABA).n(50).nbTemplates(1).build();
    IoiDataset first = ioi.flip(Flip.IO);
    IoiDataset second = ioi.flip(Flip.IO);
    IoiDataset third = ioi.flip(Flip.IO);
    assertArrayEquals(d.flippedIo().tokens(), first.tokens(), "first flip continues after the base draws");
    assertNotEquals(Fixtures.pythonJson(first.tokens()), Fixtures.pythonJson(second.tokens()));
    assertArrayEquals(second.tokens(), third.tokens(), "later flips start from a fresh seed-42 state");
    assertThrows(IoiException.class, () -> ioi.flip("IO1"));
  }
}
