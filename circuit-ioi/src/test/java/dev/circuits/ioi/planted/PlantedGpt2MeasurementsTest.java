package dev.circuits.ioi.planted;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.AttentionPatterns.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.TemplateSet;
import dev.circuits.ioi.experiments.HeadKnockout;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.LogitDiffStats;
import dev.circuits.ioi.experiments.RolePositionPatch;
import dev.circuits.ioi.experiments.SignalDatasets;
import dev.circuits.scrubbing.patching.DirectPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures PLANTED-GPT2.md's numbers on planted-gpt2 and logs them. Slow (minutes), so opt-in:
 * {@code mvn -pl circuit-ioi test -Dtest=PlantedGpt2MeasurementsTest -Dplanted.measure=true}.
 */
@EnabledIfSystemProperty(named = "planted.measure", matches = "true")
class PlantedGpt2MeasurementsTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedGpt2MeasurementsTest.class);
  private static final int N = Integer.getInteger("planted.n", 50);

  @Test
  void logsTheMeasurements() {
    long t0 = System.nanoTime();
    Gpt2Weights w = PlantedGpt2Small.load();
    LOG.info("built in {} ms", (System.nanoTime() - t0) / 1_000_000);
    Evaluator ev = Evaluator.builder().memoryBudgetBytes(1L << 30).build();
    RemixDatasets ds = RemixDatasets.build(IoiTokenizers.gpt2(), N);
    LogitDiffStats ref = LogitDiffStats.of(w, ds.ioi(), ev);
    LOG.info("REMIX BABA N={}: ld {} +- {}, accuracy {}", N, f(ref.mean()), f(ref.std()),
        f(ref.accuracy()));
    for (PromptType type : List.of(PromptType.BABA, PromptType.ABBA)) {
      IoiDataset paper = IoiDataset.builder().n(N).promptType(type)
          .templateSet(TemplateSet.paper()).seed(type == PromptType.ABBA ? 2 : 1).build();
      LogitDiffStats s = LogitDiffStats.of(w, paper, ev);
      LOG.info("paper templates {} N={}: ld {} (min {}), accuracy {}", type, N, f(s.mean()),
          f(java.util.Arrays.stream(s.perPrompt()).min().orElse(0)), f(s.accuracy()));
    }
    IoiPatchSetup setup = IoiPatchSetup.of(w, ds.ioi());
    PlantedRoles roles = PlantedGpt2Small.roles();
    attention(w, ds.ioi(), roles, ev);
    directEffects(setup, ds, roles, ev);
    knockouts(setup, ds, roles, ev);
    grid(setup, ds, roles, ev);
  }

  private static void attention(Gpt2Weights w, IoiDataset ds, PlantedRoles roles, Evaluator ev) {
    dev.circuits.gpt2.model.Gpt2Circuit model = dev.circuits.gpt2.model.Gpt2Circuit.build(w,
        dev.circuits.gpt2.model.Gpt2BuildOptions.split(ds.maxLength()));
    List<HeadRef> all = new ArrayList<>(roles.all());
    INDArray p = dev.circuits.gpt2.model.AttentionPatterns.patterns(model, heads(all),
        LogitDiffStats.tokens(ds), ev);
    String[] keys = {"IO", "S1", "S1+1", "S2", "END"};
    int[] at = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      at[i] = ds.alignedPosition(keys[i]);
    }
    for (int i = 0; i < all.size(); i++) {
      PlantedRole role = roles.roleOf(all.get(i)).orElseThrow();
      if (role == PlantedRole.DECOY) {
        continue;
      }
      int query = switch (role) {
        case DUPLICATE_TOKEN, INDUCTION, PREVIOUS_TOKEN -> at[3];
        case NAME_ORDER -> at[0];
        default -> at[4];
      };
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < keys.length; k++) {
        sb.append(String.format(Locale.ROOT, " %s %.3f", keys[k], mean(p, i, query, at[k])));
      }
      sb.append(String.format(Locale.ROOT, " sink %.3f", mean(p, i, query, 0)));
      LOG.info("{} {} from {}:{}", all.get(i), role.key(), query, sb);
    }
  }

  private static void directEffects(IoiPatchSetup setup, RemixDatasets ds, PlantedRoles roles,
      Evaluator ev) {
    double ref = setup.reference(ev);
    int end = setup.position("END");
    List<HeadRef> shown = new ArrayList<>(roles.nameMovers());
    shown.addAll(roles.negativeNameMovers());
    shown.addAll(roles.backupNameMovers());
    for (HeadRef h : shown) {
      IterativeMatcher m = DirectPaths.extendMatcher(List.of(NodeSpec.head(h.layer(), h.head(),
          end).toName()), true, true, Channel.ALL).extend(IterativeMatcher.corrRootMatcher());
      double io = setup.meanLogitDiff(m, ds.flippedIo(), ev) - ref;
      double s = setup.meanLogitDiff(m, ds.flippedS(), ev) - ref;
      LOG.info("direct effect {}: flipped IO {} ({}%), flipped S {}, sum {}", h, f(io),
          f(100 * io / ref), f(s), f(io + s));
    }
  }

  private static void knockouts(IoiPatchSetup setup, RemixDatasets ds, PlantedRoles roles,
      Evaluator ev) {
    double ref = setup.reference(ev);
    List<Head> movers = heads(roles.nameMovers());
    IoiDataset abc = ds.ioi().flip(dev.circuits.ioi.Flip.S1);
    double resample = HeadKnockout.resample(setup, movers, HeadKnockout.allPositions(setup), abc)
        .reference(ev);
    double mean = HeadKnockout.mean(setup, movers, HeadKnockout.allPositions(setup),
        ds.flippedIoS(), ev).reference(ev);
    LOG.info("knockout of the name movers: ABC resample {} ({}%), mean {} ({}%), ref {}",
        f(resample), f(100 * resample / ref), f(mean), f(100 * mean / ref), f(ref));
  }

  private static void grid(IoiPatchSetup setup, RemixDatasets ds, PlantedRoles roles,
      Evaluator ev) {
    List<Head> sin = heads(roles.sInhibition());
    double[] pos = new double[6];
    double[] tok = new double[6];
    double[] ld = new double[6];
    int k = 0;
    for (SignalDatasets.Token t : SignalDatasets.Token.values()) {
      StringBuilder row = new StringBuilder(t.label());
      for (SignalDatasets.Position p : SignalDatasets.Position.values()) {
        IoiDataset patch = SignalDatasets.of(ds.ioi(), ds.flippedS(), t, p);
        ld[k] = RolePositionPatch.run(setup, sin, patch, "END", ev).meanLogitDiff(ev);
        pos[k] = p.sign();
        tok[k] = t.sign();
        row.append(' ').append(f(ld[k++]));
      }
      LOG.info("grid {}", row);
    }
    double[] fit = fit(pos, tok, ld);
    LOG.info("grid fit: ld ~ {} S_pos + {} S_tok (token share {}%)", f(fit[0]), f(fit[1]),
        f(100 * Math.abs(fit[1]) / (Math.abs(fit[0]) + Math.abs(fit[1]))));
  }

  private static double[] fit(double[] pos, double[] tok, double[] ld) {
    double pp = 0;
    double tt = 0;
    double pt = 0;
    double py = 0;
    double ty = 0;
    for (int i = 0; i < ld.length; i++) {
      pp += pos[i] * pos[i];
      tt += tok[i] * tok[i];
      pt += pos[i] * tok[i];
      py += pos[i] * ld[i];
      ty += tok[i] * ld[i];
    }
    double det = pp * tt - pt * pt;
    return new double[] {(py * tt - ty * pt) / det, (ty * pp - py * pt) / det};
  }

  private static double mean(INDArray p, int head, int query, int key) {
    double s = 0;
    for (int i = 0; i < p.size(1); i++) {
      s += p.getDouble(head, i, query, key);
    }
    return s / p.size(1);
  }

  private static List<Head> heads(List<HeadRef> refs) {
    return refs.stream().map(h -> new Head(h.layer(), h.head())).toList();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
