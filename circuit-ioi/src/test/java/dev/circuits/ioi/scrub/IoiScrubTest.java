package dev.circuits.ioi.scrub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.PromptMetadata;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.Dataset;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.Experiment;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.OnTheFlySampler;
import dev.circuits.scrubbing.ScrubbedExperiment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** IOI prompts as scrubbing data, and the on-the-fly IOI generators. */
class IoiScrubTest {
  private static final IoiDataset IOI = IoiDataset.builder().n(24).promptType(PromptType.MIXED)
      .templateSet(TemplateSet.paper()).seed(3).build();
  private static final IoiScrubData DATA = IoiScrubData.of(IOI);
  private static final Dataset DS = DATA.dataset();

  private static long[][] longs(Dataset ds, String name) {
    INDArray v = ds.values(name).castTo(DataType.INT64);
    long[][] out = new long[ds.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.rank() == 1 ? new long[] {v.getLong(i)} : v.getRow(i).toLongVector();
    }
    return out;
  }

  @Test
  void roundTripsTheContextPrompts() {
    assertEquals(IOI.metadata(), DATA.decode(DS));
    int[][] tokens = IOI.tokens();
    long[][] got = longs(DS, IoiScrubData.TOKENS);
    for (int i = 0; i < IOI.size(); i++) {
      assertArrayEquals(java.util.Arrays.stream(tokens[i]).asLongStream().toArray(), got[i]);
      assertEquals(IOI.ioTokenIds()[i], got[i][IOI.position("IO", i)]);
      assertEquals(IOI.position("END", i), longs(DS, IoiScrubData.END_POS)[i][0]);
    }
    assertEquals(java.util.Set.of(IoiScrubData.TOKENS, IoiScrubData.LABELS), DS.inputNames());
    assertEquals(DS.rows(new long[] {3, 1}), DATA.encode(DATA.decode(DS.rows(new long[] {3, 1})),
        IOI.maxLength()));
  }

  @Test
  void newIoKeepsEverythingElse() {
    OnTheFlySampler sampler = IoiSamplers.newIoSameTemplate(DATA);
    for (long seed = 0; seed < 5; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      Dataset ref = DS.sample(16, rng);
      Dataset out = sampler.sample(ref, DS, rng);
      long[][] refTok = longs(ref, IoiScrubData.TOKENS);
      long[][] outTok = longs(out, IoiScrubData.TOKENS);
      List<PromptMetadata> refMeta = DATA.decode(ref);
      List<PromptMetadata> outMeta = DATA.decode(out);
      for (int i = 0; i < ref.size(); i++) {
        int io = (int) longs(ref, IoiScrubData.IO_POS)[i][0];
        for (int j = 0; j < refTok[i].length; j++) {
          if (j != io) {
            assertEquals(refTok[i][j], outTok[i][j], "seed " + seed + " row " + i + " pos " + j);
          }
        }
        assertNotEquals(refMeta.get(i).io(), outMeta.get(i).io());
        assertNotEquals(outMeta.get(i).s(), outMeta.get(i).io());
        assertEquals(refMeta.get(i).withIo(outMeta.get(i).io()), outMeta.get(i));
        assertEquals(outTok[i][io], longs(out, IoiScrubData.LABELS)[i][0]);
      }
    }
    assertEquals(sampler.sample(DS, DS, new SplittableRandom(7)),
        sampler.sample(DS, DS, new SplittableRandom(7)));
  }

  @Test
  void sameNamesOtherTemplate() {
    Dataset ref = DS.sample(16, new SplittableRandom(1));
    Dataset out = IoiSamplers.sameNamesOtherTemplate(DATA).sample(ref, DS,
        new SplittableRandom(2));
    List<PromptMetadata> refMeta = DATA.decode(ref);
    List<PromptMetadata> outMeta = DATA.decode(out);
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(refMeta.get(i).io(), outMeta.get(i).io());
      assertEquals(refMeta.get(i).s(), outMeta.get(i).s());
      assertNotEquals(refMeta.get(i).templateIdx(), outMeta.get(i).templateIdx());
    }
    assertEquals(ref.values(IoiScrubData.LABELS), out.values(IoiScrubData.LABELS));
    assertArrayEquals(ref.values(IoiScrubData.TOKENS).shape(),
        out.values(IoiScrubData.TOKENS).shape());

    IoiDataset single = IoiDataset.builder().n(4).promptType(PromptType.BABA).nbTemplates(1)
        .build();
    IoiScrubData oneTemplate = IoiScrubData.of(single);
    assertThrows(IoiException.class, () -> IoiSamplers.sameNamesOtherTemplate(oneTemplate)
        .sample(oneTemplate.dataset(), oneTemplate.dataset(), new SplittableRandom(0)));
  }

  @Test
  void sameIo() {
    Dataset ref = DS.sample(16, new SplittableRandom(4));
    Dataset out = IoiSamplers.sameIo(DATA).sample(ref, DS, new SplittableRandom(5));
    List<PromptMetadata> refMeta = DATA.decode(ref);
    List<PromptMetadata> outMeta = DATA.decode(out);
    int changedTemplates = 0;
    for (int i = 0; i < ref.size(); i++) {
      assertEquals(refMeta.get(i).io(), outMeta.get(i).io());
      assertNotEquals(outMeta.get(i).io(), outMeta.get(i).s());
      changedTemplates += refMeta.get(i).templateIdx() != outMeta.get(i).templateIdx() ? 1 : 0;
    }
    assertEquals(true, changedTemplates > 8, "templates changed: " + changedTemplates);
  }

  @Test
  void scrubbingTokensWithANewIo() {
    // a "model" that outputs its tokens, so the scrubbed output shows what each position received
    Circuit tokens = Array.wrap(Nd4j.zeros(DataType.INT64, IOI.maxLength()), IoiScrubData.TOKENS);
    Circuit model = Add.of(List.of(tokens), "out");
    InterpNode root = new InterpNode("out", new ExactSampler(), new ExactSampler());
    InterpNode leaf = root.makeDescendant("tokens", IoiSamplers.newIoSameTemplate(DATA));
    Correspondence corr = new Correspondence();
    corr.add(root, IterativeMatcher.corrRootMatcher());
    corr.add(leaf, IterativeMatcher.corrRootMatcher().chain(Matcher.named(IoiScrubData.TOKENS)));
    ScrubbedExperiment s = new Experiment(model, DS, corr, 9).scrub(10);
    INDArray out = s.evaluate().castTo(DataType.INT64);
    Dataset fresh = s.sampledInputs().get(leaf);
    assertEquals(fresh.values(IoiScrubData.TOKENS), out);
    long[][] refTok = longs(s.refDataset(), IoiScrubData.TOKENS);
    for (int i = 0; i < 10; i++) {
      int io = (int) longs(s.refDataset(), IoiScrubData.IO_POS)[i][0];
      assertNotEquals(refTok[i][io], out.getLong(i, io));
      assertEquals(refTok[i][io + 1], out.getLong(i, io + 1));
    }
  }
}
