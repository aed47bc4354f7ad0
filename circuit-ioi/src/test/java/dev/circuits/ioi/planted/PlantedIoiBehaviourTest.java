package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedProbe.fractionPositive;
import static dev.circuits.ioi.planted.PlantedProbe.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planted model does IOI through its planted heads: the logit difference, activation patching
 * of name movers versus decoys, attention patterns of each role, and the ABC control. The BABA
 * and ABBA runs of the first test are evaluated once and reused (the evaluator memoises by hash).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlantedIoiBehaviourTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedIoiBehaviourTest.class);
  private static PlantedProbe probe;
  private static PlantedRoles roles;

  @BeforeAll
  static void setUp() {
    probe = new PlantedProbe();
    roles = PlantedIoiModel.roles();
  }

  /**
   * N=100 prompts over the paper's 15 templates (the targets' dataset); BABA and ABBA use
   * different seeds, else they would hold the same names in the other order.
   */
  private static IoiDataset paper(PromptType type) {
    return paper(type, 100, type == PromptType.ABBA ? 2 : 1);
  }

  private static IoiDataset paper(PromptType type, int n, long seed) {
    return IoiDataset.builder().n(n).promptType(type).templateSet(TemplateSet.paper()).seed(seed)
        .build();
  }

  @Test
  @Order(1)
  void prefersIoOnBabaAndAbbaWithAllPaperTemplates() {
    for (PromptType type : List.of(PromptType.BABA, PromptType.ABBA)) {
      double[] ld = probe.logitDiff(probe.run(paper(type)));
      LOG.info("{}: mean logit diff {}, IO preferred on {}", type, mean(ld), fractionPositive(ld));
      assertTrue(mean(ld) >= 2, type + ": mean logit diff " + mean(ld));
      assertTrue(fractionPositive(ld) >= 0.95, type + ": IO preferred on " + fractionPositive(ld));
    }
  }

  @Test
  void patchingNameMoversDestroysTheLogitDiffAndDecoysDoNot() {
    IoiDataset ds = paper(PromptType.MIXED, 50, 2);
    PlantedProbe.Run clean = probe.run(ds);
    PlantedProbe.Run flipped = probe.run(ds.flip(Flip.IO));
    double base = mean(probe.logitDiff(clean));
    double movers = 1 - mean(probe.patched(clean, flipped, roles.nameMovers())) / base;
    LOG.info("patching name movers {} destroys {} of the logit diff {}", roles.nameMovers(),
        movers, base);
    assertTrue(movers > 0.5, "name movers destroy only " + movers);
    for (Head decoy : roles.decoys()) {
      double change = 1 - mean(probe.patched(clean, flipped, List.of(decoy))) / base;
      assertTrue(Math.abs(change) < 0.1, "decoy " + decoy + " changes the logit diff by "
          + change);
    }
  }

  @Test
  void eachRoleAttendsWhereItsRoleSays() {
    IoiDataset ds = paper(PromptType.BABA);
    PlantedProbe.Run run = probe.run(ds);
    int[] io = ds.wordIdx("IO");
    int[] s1 = ds.wordIdx("S1");
    int[] s2 = ds.wordIdx("S2");
    int[] end = ds.wordIdx("END");
    assertAttends(run, roles.duplicateToken().get(0), s2, s1, ds.size());
    assertAttends(run, roles.induction().get(0), s2, plus(s1, 1), ds.size());
    assertAttends(run, roles.heads(PlantedRole.PREVIOUS_TOKEN).get(0), s2, plus(s2, -1),
        ds.size());
    assertAttends(run, roles.sInhibition().get(0), end, s2, ds.size());
    for (Head nm : roles.nameMovers()) {
      assertAttends(run, nm, end, io, ds.size());
    }
  }

  @Test
  void withoutADuplicateTheModelHasNoPreferenceAndSInhibitionMatters() {
    IoiDataset ds = paper(PromptType.MIXED, 50, 3);
    IoiDataset abc = ds.flip(Flip.S2);
    PlantedProbe.Run clean = probe.run(ds);
    PlantedProbe.Run abcRun = probe.run(abc);
    double base = mean(probe.logitDiff(clean));
    double abcLd = mean(probe.logitDiff(abcRun));
    assertTrue(Math.abs(abcLd) < 0.1 * base, "ABC logit diff (IO1 - IO2) " + abcLd);
    double sInh = 1 - mean(probe.patched(clean, abcRun, roles.sInhibition())) / base;
    List<Head> dupAndInduction = new ArrayList<>(roles.duplicateToken());
    dupAndInduction.addAll(roles.induction());
    double marks = 1 - mean(probe.patched(clean, abcRun, dupAndInduction)) / base;
    LOG.info("ABC: logit diff {}; patching S-inhibition destroys {}, duplicate+induction {}",
        abcLd, sInh, marks);
    assertTrue(sInh > 0.5, "S-inhibition patched from ABC destroys only " + sInh);
    assertTrue(marks > 0.5, "duplicate+induction patched from ABC destroy only " + marks);
  }

  @Test
  void worksWithRandomLengthPrefixes() {
    IoiDataset ds = IoiVariants.withRandomPrefixes(paper(PromptType.MIXED, 50, 4), 1, 4, 7);
    PlantedProbe.Run run = probe.run(ds);
    double[] ld = probe.logitDiff(run);
    assertTrue(ds.maxLength() > 40, "prefixes should lengthen prompts, max " + ds.maxLength());
    // The duplicate signal marks S2 (from both writers) and nothing else, at any position, and
    // DUP_NAME holds S's identity (a copy of the NAME_ID S2 itself carries) there only.
    INDArray x = probe.evaluate(Matcher.named("a2.input").getUnique(run.root()));
    int[] s2 = ds.wordIdx("S2");
    for (int i = 0; i < ds.size(); i++) {
      for (int t = 0; t < ds.lengths()[i]; t++) {
        double dup = x.getDouble(i, t, PlantedLayout.DUPLICATE);
        double dupName = 0;
        double dupNameNormSq = 0;
        for (int j = 0; j < PlantedLayout.DUP_NAME.size(); j++) {
          double d = x.getDouble(i, t, PlantedLayout.DUP_NAME.at(j));
          dupName += d * x.getDouble(i, t, PlantedLayout.NAME_ID.at(j));
          dupNameNormSq += d * d;
        }
        String where = "prompt " + i + " position " + t + " (S2 at " + s2[i] + "): ";
        assertTrue(t == s2[i] ? dup > 1.8 : Math.abs(dup) < 0.05, where + "DUPLICATE = " + dup);
        assertTrue(t == s2[i] ? dupName > 0.95 : dupNameNormSq < 0.05 * 0.05,
            where + "DUP_NAME . NAME_ID = " + dupName + ", |DUP_NAME|^2 = " + dupNameNormSq);
      }
    }
    assertTrue(mean(ld) >= 2 && fractionPositive(ld) >= 0.95, "with prefixes: mean "
        + mean(ld) + ", IO preferred on " + fractionPositive(ld));
  }

  @Test
  void greedyCompletionIsTheIndirectObject() {
    IoiDataset ds = paper(PromptType.BABA);
    PlantedProbe.Run run = probe.run(ds);
    INDArray logits = probe.endLogits(run);
    int[] io = ds.ioTokenIds();
    int hits = 0;
    for (int i = 0; i < ds.size(); i++) {
      hits += logits.getRow(i).argMax().getInt(0) == io[i] ? 1 : 0;
    }
    assertTrue(hits >= 0.95 * ds.size(), "IO is the top token on only " + hits + " prompts");
    // The circuit's own unembedding agrees, on a prompt whose END is the last position.
    int longest = ds.maxLength();
    int i = java.util.stream.IntStream.range(0, ds.size())
        .filter(k -> ds.lengths()[k] == longest).findFirst().orElseThrow();
    Gpt2Circuit m = probe.model(longest);
    INDArray atEnd = probe.evaluate(m.withTokens(m.logitsAt(longest - 1),
        PlantedProbe.ids(ds.tokens())));
    assertTrue(atEnd.getRow(i).equalsWithEps(logits.getRow(i), 1e-3),
        "logitsAt(END) differs from final.norm · wte^T");
  }

  private static void assertAttends(PlantedProbe.Run run, Head head, int[] from, int[] to,
      int n) {
    INDArray probs = probe.attention(run, head);
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += probs.getDouble(i, from[i], to[i]);
    }
    assertTrue(total / n > 0.9, head + " puts only " + total / n + " on its target");
  }

  private static int[] plus(int[] xs, int d) {
    int[] out = xs.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += d;
    }
    return out;
  }
}
