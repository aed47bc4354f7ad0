package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedGpt2Fixture.mean;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import dev.circuits.ioi.claims.SignalFit;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.LogitDiffStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * planted-gpt2 does IOI through its planted heads, at small N: the logit difference over the
 * paper's templates, each role's attention, the direct effects of the (negative, backup) name
 * movers, the backups' take-over when the name movers are knocked out, the mostly positional
 * S-inhibition signal, and MLP 0 carrying the token identity.
 */
class PlantedGpt2BehaviourTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedGpt2BehaviourTest.class);
  private static final int N = 8;
  private static PlantedGpt2Fixture fx;
  private static double reference;

  @BeforeAll
  static void setUp() {
    fx = PlantedGpt2Fixture.shared(N);
    reference = fx.reference();
  }

  @AfterAll
  static void tearDown() {
    fx.release();
  }

  @Test
  void prefersIoOnRemixsDatasetAndOnEveryPaperTemplate() {
    LogitDiffStats remix = LogitDiffStats.of(fx.weights, fx.datasets.ioi(), fx.evaluator);
    LOG.info("REMIX BABA N={}: ld {}, IO preferred on {}", N, remix.mean(), remix.accuracy());
    assertTrue(remix.mean() > 2.5 && remix.mean() < 4, "REMIX BABA ld " + remix.mean());
    assertTrue(remix.accuracy() >= 0.95, "REMIX BABA accuracy " + remix.accuracy());
    // Both orders mixed over the 15 templates, one circuit: every template about twice.
    IoiDataset ds = IoiDataset.builder().n(30).promptType(PromptType.MIXED)
        .templateSet(TemplateSet.paper()).seed(1).build();
    LogitDiffStats s = LogitDiffStats.of(fx.weights, ds, fx.evaluator);
    LOG.info("paper templates, ABBA and BABA: ld {}, IO preferred on {}", s.mean(), s.accuracy());
    assertTrue(s.accuracy() >= 0.95 && s.mean() > 2.5 && s.mean() < 4,
        "paper templates: ld " + s.mean() + ", accuracy " + s.accuracy());
  }

  @Test
  void eachRoleAttendsWhereItsRoleSays() {
    IoiDataset ds = fx.datasets.ioi();
    PlantedRoles roles = fx.roles;
    List<Head> heads = new ArrayList<>();
    List<int[][]> fromTo = new ArrayList<>();
    int[] s2 = ds.wordIdx("S2");
    int[] end = ds.wordIdx("END");
    int[] io = ds.wordIdx("IO");
    int[] sink = new int[ds.size()];
    expect(heads, fromTo, roles.duplicateToken(), s2, ds.wordIdx("S1"));
    expect(heads, fromTo, roles.induction(), s2, ds.wordIdx("S1+1"));
    expect(heads, fromTo, roles.heads(PlantedRole.PREVIOUS_TOKEN), s2, plus(s2, -1));
    expect(heads, fromTo, roles.heads(PlantedRole.NAME_ORDER), io, ds.wordIdx("S1"));
    expect(heads, fromTo, roles.sInhibition(), end, s2);
    expect(heads, fromTo, roles.nameMovers(), end, io);
    expect(heads, fromTo, roles.negativeNameMovers(), end, io);
    expect(heads, fromTo, roles.backupNameMovers(), end, sink);
    INDArray p = fx.attention(heads, ds);
    for (int i = 0; i < heads.size(); i++) {
      double share = mean(p, i, fromTo.get(i)[0], fromTo.get(i)[1]);
      boolean mover = roles.roleOf(heads.get(i)).orElseThrow().key().endsWith("name_mover")
          && !roles.backupNameMovers().contains(heads.get(i));
      assertTrue(share > (mover ? 0.7 : 0.9), heads.get(i) + " puts only " + share
          + " on its target");
    }
  }

  @Test
  void nameMoversCopyIoNegativeNameMoversPushSAndBackupsRestInTheCleanRun() {
    IoiDataset flippedIo = fx.datasets.flippedIo();
    for (Head h : fx.roles.nameMovers()) {
      double e = fx.directEffect(fx.setup, h, flippedIo);
      assertTrue(e < -0.1 * reference, h + " direct effect (flipped IO) " + e);
    }
    for (Head h : fx.roles.negativeNameMovers()) {
      double io = fx.directEffect(fx.setup, h, flippedIo);
      double sum = io + fx.directEffect(fx.setup, h, fx.datasets.flippedS());
      LOG.info("{}: flipped IO {}, + flipped S {}", h, io, sum);
      assertTrue(io > 0.05 * reference && sum > 0.03 * reference, h + " pushes S: flipped IO "
          + io + ", sum " + sum);
    }
    for (Head h : fx.roles.backupNameMovers()) {
      double e = fx.directEffect(fx.setup, h, flippedIo);
      assertTrue(Math.abs(e) < 0.02 * reference, h + " is active in the clean run: " + e);
    }
  }

  @Test
  void backupNameMoversTakeOverWhenTheNameMoversAreKnockedOut() {
    IoiPatchSetup resampled = fx.resampledMovers();
    IoiPatchSetup meanAblated = fx.meanAblatedMovers();
    double ldResampled = resampled.reference();
    double ldMean = meanAblated.reference();
    LOG.info("name movers knocked out: ld {} (ABC resample), {} (mean), reference {}",
        ldResampled, ldMean, reference);
    assertTrue(ldResampled > 0.5 * reference && ldMean > 0.8 * reference,
        "knockouts leave ld " + ldResampled + " / " + ldMean + " of " + reference);
    for (Head h : fx.roles.backupNameMovers()) {
      double e = fx.directEffect(resampled, h, fx.datasets.flippedIo());
      assertTrue(e < -0.05 * reference, h + " does not take over: direct effect " + e);
    }
  }

  @Test
  void theSInhibitionSignalIsMostlyPositional() {
    double[][] grid = fx.signalGrid();
    SignalFit fit = SignalFit.ofGrid(grid);
    LOG.info("signal grid {}: ld ~ {} S_pos + {} S_tok", java.util.Arrays.deepToString(grid),
        fit.position(), fit.token());
    assertTrue(fit.tokenShare() > 0.15 && fit.tokenShare() < 0.45,
        "token share " + fit.tokenShare());
    assertTrue(fit.position() > 0 && fit.token() > 0, "fit " + fit);
    assertTrue(grid[0][1] < 0, "inverting the position signal alone gives ld " + grid[0][1]);
  }

  @Test
  void mlp0CarriesTheTokenIdentityAndTheCircuitNeedsIt() {
    IoiDataset ds = fx.datasets.ioi();
    PlantedProbe probe = fx.probe();
    PlantedProbe.Run run = probe.run(ds);
    Circuit m0 = Matcher.named("m0").getUnique(run.root());
    INDArray mlp = probe.evaluate(m0);
    INDArray wte = fx.weights.tokEmbeds();
    int[] io = ds.wordIdx("IO");
    for (int i = 0; i < ds.size(); i++) {
      int token = ds.tokens(i)[io[i]];
      double written = 0;
      double erased = 0;
      for (int j = 0; j < PlantedGpt2Layout.TOKEN_ID.size(); j++) {
        double e = wte.getDouble(token, PlantedGpt2Layout.TOKEN_ID.at(j));
        written += e * mlp.getDouble(i, io[i], PlantedGpt2Layout.CUR_TOK.at(j));
        erased += e * mlp.getDouble(i, io[i], PlantedGpt2Layout.TOKEN_ID.at(j));
      }
      assertTrue(written > 0.98 && written < 1.02 && erased < -0.98 && erased > -1.02,
          "MLP 0 at IO of prompt " + i + ": CUR_TOK . e_IO = " + written
              + ", TOKEN_ID . e_IO = " + erased);
    }
    Circuit zero = Array.of(Nd4j.zeros(m0.shape().toArray()).castTo(mlp.dataType()), "m0");
    double without = PlantedProbe.mean(probe.logitDiff(new PlantedProbe.Run(ds,
        Matcher.named("m0").update(run.root(), n -> zero))));
    LOG.info("MLP 0 zero-ablated: ld {} (reference {})", without, reference);
    assertTrue(Math.abs(without) < 0.2 * reference, "without MLP 0 the ld is " + without);
  }

  @Test
  void residualNormsStayNearNominalSoLayerNormIsAFixedScale() {
    IoiDataset ds = fx.datasets.ioi();
    PlantedProbe probe = fx.probe();
    PlantedProbe.ResidualStats r = probe.residualStats(probe.run(ds),
        PlantedGpt2Layout.N_LAYER, PlantedGpt2Small.NOMINAL_NORM_SQ);
    assertTrue(r.largestMean() < 1e-4, "a residual has mean " + r.largestMean());
    double lo = r.lowest();
    double hi = r.highest();
    LOG.info("residual norm / nominal in [{}, {}]", lo, hi);
    assertTrue(lo > 0.99 && hi < 1.01, "residual norms range over [" + lo + ", " + hi
        + "] of nominal");
  }

  private static void expect(List<Head> heads, List<int[][]> fromTo, List<Head> role,
      int[] from, int[] to) {
    for (Head h : role) {
      heads.add(h);
      fromTo.add(new int[][] {from, to});
    }
  }

  private static int[] plus(int[] xs, int d) {
    int[] out = xs.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += d;
    }
    return out;
  }
}
