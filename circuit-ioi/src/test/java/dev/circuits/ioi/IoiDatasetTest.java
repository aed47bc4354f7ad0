package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.PythonRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** REMIX Part 1's tour (mixed, manual metadata, ABC flips), the paper's templates, and error cases. */
class IoiDatasetTest {
  private static final String BOS = "<|endoftext|>";

  private static IoiDataset part1(IoiRng rng) {
    return IoiDataset.builder().n(3).promptType(PromptType.MIXED).seed(78).rng(rng).build();
  }

  @Test
  void part1MixedDatasetHasPerPromptPositions() {
    IoiDataset ds = part1(IoiRng.remix());
    assertEquals(List.of(
        BOS + "Then, John and Kyle went to the hospital. John gave a drink to",
        BOS + "Then, Lindsey and Justin went to the house. Lindsey gave a basketball to",
        BOS + "Then, Dustin and Amy went to the store. Amy gave a basketball to"), ds.texts());
    assertEquals(List.of("BAB", "BAB", "ABB"), ds.metadata().stream().map(PromptMetadata::order).toList());
    assertEquals(2, ds.nbTemplates());
    assertArrayEquals(new int[] {5, 5, 3}, ds.wordIdx("IO"));
    assertArrayEquals(new int[] {3, 3, 5}, ds.wordIdx("S1"));
    assertArrayEquals(new int[] {4, 4, 6}, ds.wordIdx("S1+1"));
    assertArrayEquals(new int[] {11, 11, 11}, ds.wordIdx("S2"));
    assertEquals(5, ds.position("IO", 0));
    IoiException e = assertThrows(IoiException.class, () -> ds.alignedPosition("IO"));
    assertEquals(IoiException.Kind.UNALIGNED, e.kind());
    assertTrue(e.getMessage().contains("differs across prompts"), e.getMessage());
    List<String> toks = ds.textTokens().get(2);
    assertEquals("{IO}", toks.get(3));
    assertEquals("{S1}", toks.get(5));
    assertEquals("{S2}", toks.get(11));
    assertEquals(" to", toks.get(15));
  }

  @Test
  void part1SequenceOnOneProcessGlobalRng() {
    IoiRng rng = IoiRng.remix();
    IoiDataset ds = part1(rng);
    List<PromptMetadata> edited = new ArrayList<>(ds.metadata());
    edited.set(0, edited.get(0).withS("Robert"));
    IoiDataset copy = ds.toBuilder().metadata(edited).seed(IoiDataset.DEFAULT_SEED).build();
    assertEquals(BOS + "Then, Robert and Kyle went to the hospital. Robert gave a drink to", copy.texts().get(0));

    IoiDataset flippedIo = ds.flip(Flip.IO);
    assertEquals(BOS + "Then, John and Kenneth went to the hospital. John gave a drink to", flippedIo.texts().get(0));

    IoiDataset s1 = ds.flip("S1");
    assertEquals(PromptFamily.ABC, s1.family());
    assertEquals(BOS + "Then, Kenneth and Kyle went to the hospital. John gave a drink to", s1.texts().get(0));
    assertEquals(Set.of("IO1", "IO2", "S", "IO1+1", "END"), s1.wordIdxKeys());
    assertArrayEquals(new int[] {5, 5, 3}, s1.wordIdx("IO1"));
    assertArrayEquals(new int[] {3, 3, 5}, s1.wordIdx("IO2"));
    assertArrayEquals(new int[] {11, 11, 11}, s1.wordIdx("S"));
    assertArrayEquals(new int[] {6, 6, 4}, s1.wordIdx("IO1+1"));
    assertEquals("Kyle", s1.metadata().get(0).io1());
    assertEquals("Kenneth", s1.metadata().get(0).io2());
    assertEquals(s1.tokens(0)[11], s1.sTokenIds()[0]);
    assertEquals(s1.tokens(0)[3], s1.io2TokenIds()[0]);
    assertEquals(s1.tokens(0)[5], s1.io1TokenIds()[0]);
    IoiException e = assertThrows(IoiException.class, s1::ioTokenIds);
    assertEquals(IoiException.Kind.UNKNOWN_KEY, e.kind());
    assertThrows(IoiException.class, () -> s1.wordIdx("S1"));

    IoiDataset two = s1.flip(Flip.IO1);
    assertEquals(BOS + "Then, Kenneth and Andrew went to the hospital. John gave a drink to", two.texts().get(0));
    IoiDataset three = two.flip(Flip.S);
    assertEquals(BOS + "Then, Kenneth and Andrew went to the hospital. Matthew gave a drink to", three.texts().get(0));
    assertEquals(PromptFamily.ABC, three.family());
  }

  @Test
  void s2FlipKeepsOldSAtS1AndOrderFlipMirrorsMixedTemplates() {
    IoiDataset ds = part1(IoiRng.remix());
    IoiDataset s2 = ds.flip(Flip.S2);
    assertEquals(BOS + "Then, John and Kyle went to the hospital. Courtney gave a drink to", s2.texts().get(0));
    assertEquals(BOS + "Then, Dustin and Amy went to the store. Danielle gave a basketball to", s2.texts().get(2));
    PromptMetadata m = s2.metadata().get(0);
    assertEquals(List.of("Kyle", "John", "Courtney"), List.of(m.io1(), m.io2(), m.s()));
    IoiException e = assertThrows(IoiException.class, () -> s2.flip(Flip.ORDER));
    assertEquals(IoiException.Kind.ILLEGAL_FLIP, e.kind());

    IoiDataset order = ds.flip(Flip.ORDER);
    assertEquals(PromptType.MIXED, order.promptType());
    assertEquals(List.of(1, 1, 0), order.metadata().stream().map(PromptMetadata::templateIdx).toList());
    assertEquals(BOS + "Then, Kyle and John went to the hospital. John gave a drink to", order.texts().get(0));
    assertEquals(BOS + "Then, Amy and Dustin went to the store. Amy gave a basketball to", order.texts().get(2));
    assertEquals(List.of("BAB", "BAB", "ABB"), order.metadata().stream().map(PromptMetadata::order).toList());
    assertArrayEquals(ds.ioTokenIds(), order.ioTokenIds());
  }

  @Test
  void mixedPaperTemplatesMatchPythonDrawsAndPadPerPrompt() {
    // random.seed(7) then REMIX's draws over 6 templates (3 BABA + 3 ABBA), computed with CPython 3.11.
    String[] expected = {
      "2 Sarah Michelle store kiss", "4 John Kimberly store basketball", "0 Robert Emily house kiss",
      "1 Robert Paul house ring", "4 Ryan Eric store drink", "0 Eric Jennifer restaurant computer",
      "3 Justin Dustin garden computer", "4 Jesse Brian garden basketball", "2 John Paul garden ring",
      "4 Anthony Erin house necklace", "3 Katherine Rebecca office computer", "1 Brian Lindsay school kiss"};
    IoiDataset ds = IoiDataset.builder().n(12).promptType(PromptType.MIXED).nbTemplates(6).seed(7)
        .templateSet(TemplateSet.paper()).build();
    for (int i = 0; i < expected.length; i++) {
      PromptMetadata m = ds.metadata().get(i);
      assertEquals(expected[i], m.templateIdx() + " " + m.s() + " " + m.io() + " " + m.place() + " " + m.object());
      assertEquals(m.templateIdx() < 3 ? "BAB" : "ABB", m.order());
    }
    int[][] toks = ds.tokens();
    int[] lengths = ds.lengths();
    int[] end = ds.wordIdx("END");
    Set<Integer> distinct = new java.util.HashSet<>();
    IoiWords words = IoiWords.remix();
    for (int i = 0; i < 12; i++) {
      distinct.add(lengths[i]);
      assertEquals(lengths[i] - 1, end[i]);
      assertEquals(284, toks[i][end[i]], "END is ' to'");
      for (int p = lengths[i]; p < ds.maxLength(); p++) {
        assertEquals(IoiDataset.PAD_ID, toks[i][p]);
      }
      PromptMetadata m = ds.metadata().get(i);
      assertEquals(words.tokenId(m.io()), toks[i][ds.position("IO", i)]);
      assertEquals(words.tokenId(m.s()), toks[i][ds.position("S1", i)]);
      assertEquals(words.tokenId(m.s()), toks[i][ds.position("S2", i)]);
      assertEquals(words.tokenId(m.io()), ds.ioTokenIds()[i]);
      assertEquals(m.order().equals("ABB"), ds.position("IO", i) < ds.position("S1", i));
    }
    assertTrue(distinct.size() > 1, "paper templates have different lengths");
  }

  @Test
  void allThirtyPaperTemplatesTokenizeWithSingleTokenNames() {
    IoiDataset ds = IoiDataset.builder().n(60).promptType(PromptType.MIXED).nbTemplates(30).seed(3)
        .templateSet(TemplateSet.paper()).build();
    List<PromptMetadata> manual = new ArrayList<>();
    for (int t = 0; t < 30; t++) {
      manual.add(ds.metadata().get(0).withTemplateIdx(t));
    }
    IoiDataset every = ds.toBuilder().metadata(manual).build();
    for (int t = 0; t < 30; t++) {
      assertTrue(every.position("S2", t) > every.position("S1", t));
      assertEquals(every.lengths()[t] - 1, every.position("END", t));
    }
  }

  @Test
  void deterministicAndSeedSensitive() {
    IoiDataset a = IoiDataset.builder().n(20).promptType(PromptType.ABBA).seed(5).build();
    IoiDataset b = IoiDataset.builder().n(20).promptType(PromptType.ABBA).seed(5).build();
    IoiDataset c = IoiDataset.builder().n(20).promptType(PromptType.ABBA).seed(6).build();
    assertArrayEquals(a.tokens(), b.tokens());
    assertEquals(a.metadata(), b.metadata());
    assertNotEquals(a.metadata(), c.metadata());
    assertArrayEquals(a.flip(Flip.S).tokens(), b.flip(Flip.S).tokens());
    assertEquals(3, a.alignedPosition("IO"));
  }

  @Test
  void independentFlipsDrawFreshNamesForEachFlip() {
    IoiRng rng = IoiRng.independentFlips();
    IoiDataset base = IoiDataset.builder().n(50).promptType(PromptType.BABA).nbTemplates(1).rng(rng).build();
    IoiDataset remixBase = Fixtures.remix().ioi();
    assertArrayEquals(remixBase.tokens(), base.tokens(), "generation is the same in both modes");
    IoiDataset first = base.flip(Flip.IO);
    assertArrayEquals(Fixtures.remix().flippedIo().tokens(), first.tokens(), "first flip continues in both modes");
    IoiDataset s = base.flip(Flip.S);
    assertNotEquals(Fixtures.remix().flippedS().metadata(), s.metadata());
    IoiDataset ioS = base.flip(Flip.IO).flip(Flip.S);
    int shifted = 0;
    for (int i = 0; i < 49; i++) {
      if (ioS.metadata().get(i).s().equals(ioS.metadata().get(i + 1).io())) {
        shifted++;
      }
    }
    assertTrue(shifted < 10, "no REMIX row-shift correlation, got " + shifted);
    assertEquals(IoiRng.Mode.INDEPENDENT_FLIPS, ioS.rng().mode());
  }

  @Test
  void errorCasesNameWhatWasExpected() {
    IoiException e;
    e = assertThrows(IoiException.class, () -> IoiDataset.builder().n(0).build());
    assertEquals(IoiException.Kind.INVALID_SIZE, e.kind());
    assertTrue(e.getMessage().contains("N must be positive, got 0"), e.getMessage());
    e = assertThrows(IoiException.class, () -> IoiDataset.builder().n(4).nbTemplates(3).build());
    assertEquals(IoiException.Kind.INVALID_TEMPLATE_COUNT, e.kind());
    assertTrue(e.getMessage().contains("even"), e.getMessage());
    e = assertThrows(IoiException.class, () -> IoiDataset.builder().n(4).promptType(PromptType.BABA).nbTemplates(2)
        .build());
    assertEquals(IoiException.Kind.INVALID_TEMPLATE_COUNT, e.kind());
    assertTrue(e.getMessage().contains("expected at most 1"), e.getMessage());
    e = assertThrows(IoiException.class, () -> IoiDataset.builder().n(4).promptType(PromptType.ABBA).nbTemplates(0)
        .build());
    assertEquals(IoiException.Kind.INVALID_TEMPLATE_COUNT, e.kind());
    e = assertThrows(IoiException.class, () -> Flip.parse("IO3"));
    assertEquals(IoiException.Kind.UNKNOWN_FLIP, e.kind());
    assertTrue(e.getMessage().contains("expected one of IO, S, S1, S2, IO1, IO2, order"), e.getMessage());
    IoiDataset ds = Fixtures.remix().ioi();
    e = assertThrows(IoiException.class, () -> ds.flip("flop"));
    assertEquals(IoiException.Kind.UNKNOWN_FLIP, e.kind());
    e = assertThrows(IoiException.class, () -> ds.flip(Flip.IO2));
    assertEquals(IoiException.Kind.ILLEGAL_FLIP, e.kind());
    assertTrue(e.getMessage().contains("family IOI"), e.getMessage());
    List<PromptMetadata> bad = List.of(ds.metadata().get(0).withTemplateIdx(1));
    e = assertThrows(IoiException.class, () -> ds.toBuilder().metadata(bad).build());
    assertEquals(IoiException.Kind.TEMPLATE_INDEX_OUT_OF_RANGE, e.kind());
    assertTrue(e.getMessage().contains("expected 0..0"), e.getMessage());
    e = assertThrows(IoiException.class, () -> ds.toBuilder().metadata(ds.metadata().subList(0, 3)).n(50).build());
    assertEquals(IoiException.Kind.INVALID_METADATA, e.kind());
    e = assertThrows(IoiException.class, () -> IoiDataset.builder().n(2).family(PromptFamily.ABC).build());
    assertEquals(IoiException.Kind.INVALID_METADATA, e.kind());
    PromptMetadata abc = ds.metadata().get(1).asAbc("Kyle", "John", "Amy");
    e = assertThrows(IoiException.class,
        () -> ds.toBuilder().metadata(List.of(ds.metadata().get(0), abc)).build());
    assertEquals(IoiException.Kind.INVALID_METADATA, e.kind());
    e = assertThrows(IoiException.class, () -> ds.wordIdx("IO1"));
    assertEquals(IoiException.Kind.UNKNOWN_KEY, e.kind());
    PromptMetadata sameNames = ds.metadata().get(0).withIo(ds.metadata().get(0).s());
    e = assertThrows(IoiException.class, () -> ds.toBuilder().metadata(List.of(sameNames)).build());
    assertEquals(IoiException.Kind.TOKENIZATION, e.kind());
    assertTrue(e.getMessage().contains("exactly twice, found it 3 times"), e.getMessage());
    assertThrows(IoiException.class, () -> new PromptMetadata("A", "B", null, "C", 0, "store", "ring", "BAB", ""));
  }

  @Test
  void manualMetadataMakesNoDraws() {
    IoiRng rng = IoiRng.independentFlips();
    IoiDataset ds = IoiDataset.builder().n(5).promptType(PromptType.BABA).rng(rng).build();
    PythonRandom before = rng.snapshot();
    IoiDataset copy = ds.toBuilder().metadata(ds.metadata()).build();
    assertEquals(before.nextUint32(), rng.snapshot().nextUint32());
    assertArrayEquals(ds.tokens(), copy.tokens());
    assertFalse(copy.texts().isEmpty());
  }

  @Test
  void modelTokensAndLabelsAreTheInt64ArraysAModelReads() {
    IoiDataset ds = IoiDataset.builder().n(5).promptType(PromptType.MIXED).seed(11).build();
    org.nd4j.linalg.api.ndarray.INDArray toks = ds.modelTokens();
    assertArrayEquals(new long[] {5, ds.maxLength()}, toks.shape());
    assertEquals(org.nd4j.linalg.api.buffer.DataType.INT64, toks.dataType());
    org.nd4j.linalg.api.ndarray.INDArray labels = ds.labels();
    assertArrayEquals(new long[] {5, 2}, labels.shape());
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < ds.maxLength(); j++) {
        int want = j < ds.lengths()[i] ? ds.tokens(i)[j] : IoiDataset.PAD_ID;
        assertEquals(want, toks.getLong(i, j), "prompt " + i + " position " + j);
      }
      assertEquals(ds.ioTokenIds()[i], labels.getLong(i, 0), "IO of prompt " + i);
      assertEquals(ds.sTokenIds()[i], labels.getLong(i, 1), "S of prompt " + i);
      assertEquals(labels.getLong(i, 0), toks.getLong(i, ds.position("IO", i)), "IO in the prompt");
    }
  }
}
