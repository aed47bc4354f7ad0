package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedGpt2Fixture.mean;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import dev.circuits.ioi.claims.SignalFit;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.LogitDiffStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the numbers of PLANTED-GPT2.md's "Measured" section on planted-gpt2 (REMIX's BABA
 * dataset with N = {@code planted.n}, default 50; the paper's 15 templates with N = 100) and logs
 * them as markdown rows. Minutes, so opt-in: {@code mvn -pl circuit-ioi test
 * -Dtest=PlantedGpt2MeasurementsTest -Dplanted.measure=true}.
 */
@EnabledIfSystemProperty(named = "planted.measure", matches = "true")
class PlantedGpt2MeasurementsTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedGpt2MeasurementsTest.class);
  private static final int N = Integer.getInteger("planted.n", 50);
  private static final int PAPER_N = 100;

  private final List<String> rows = new ArrayList<>();

  @Test
  void logsThePlantedGpt2MdTable() {
    long t0 = System.nanoTime();
    PlantedGpt2Small.load();
    row("build in memory (s)", f((System.nanoTime() - t0) / 1e9));
    PlantedGpt2Fixture fx = PlantedGpt2Fixture.shared(N);
    LogitDiffStats remix = LogitDiffStats.of(fx.weights, fx.datasets.ioi(), fx.evaluator);
    row("REMIX BABA (N=" + N + ", seed 42): ld mean / std / min, IO preferred",
        stats(remix));
    for (PromptType type : List.of(PromptType.BABA, PromptType.ABBA)) {
      IoiDataset ds = IoiDataset.builder().n(PAPER_N).promptType(type)
          .templateSet(TemplateSet.paper()).seed(type == PromptType.ABBA ? 2 : 1).build();
      row("paper's 15 templates, " + type + " (N=" + PAPER_N + ")",
          stats(LogitDiffStats.of(fx.weights, ds, fx.evaluator)));
    }
    IoiDataset prefixed = IoiVariants.withRandomPrefixes(IoiDataset.builder().n(PAPER_N)
        .promptType(PromptType.MIXED).templateSet(TemplateSet.paper()).seed(3).build(), 1, 4, 7);
    row("random prefixes (1-4 sentences, up to " + prefixed.maxLength() + " tokens)",
        stats(LogitDiffStats.of(fx.weights, prefixed, fx.evaluator)));
    attention(fx);
    double ref = fx.reference();
    for (Head h : movers(fx.roles)) {
      double io = fx.directEffect(fx.setup, h, fx.datasets.flippedIo());
      double s = fx.directEffect(fx.setup, h, fx.datasets.flippedS());
      row("direct effect of " + h + " (" + fx.roles.roleOf(h).orElseThrow().key()
          + "): flipped IO / flipped S / sum", f(io) + " / " + f(s) + " / " + f(io + s));
    }
    IoiPatchSetup resampled = fx.resampledMovers();
    IoiPatchSetup meanAblated = fx.meanAblatedMovers();
    row("name movers resampled from ABC / mean-ablated: ld (share of " + f(ref) + ")",
        f(resampled.reference()) + " (" + pct(resampled.reference()
            / ref) + ") / " + f(meanAblated.reference()) + " ("
            + pct(meanAblated.reference() / ref) + ")");
    for (Head h : fx.roles.backupNameMovers()) {
      row("backup " + h + ": direct effect (flipped IO) intact / after ABC resample",
          f(fx.directEffect(fx.setup, h, fx.datasets.flippedIo())) + " / "
              + f(fx.directEffect(resampled, h, fx.datasets.flippedIo())));
    }
    double[][] grid = fx.signalGrid();
    SignalFit fit = SignalFit.ofGrid(grid);
    row("signal grid, token original / random / inverted (position original | inverted)",
        f(grid[0][0]) + " | " + f(grid[0][1]) + "; " + f(grid[1][0]) + " | " + f(grid[1][1])
            + "; " + f(grid[2][0]) + " | " + f(grid[2][1]));
    row("signal fit ld ~ a S_pos + b S_tok: a, b, token share, error", f(fit.position()) + ", "
        + f(fit.token()) + ", " + pct(fit.tokenShare()) + ", " + pct(fit.meanRelativeError()));
    LOG.info("PLANTED-GPT2.md measured table:\n| | planted-gpt2 |\n|---|---|\n{}",
        String.join("\n", rows));
  }

  private void attention(PlantedGpt2Fixture fx) {
    IoiDataset ds = fx.datasets.ioi();
    List<Head> heads = new ArrayList<>(fx.roles.all());
    heads.removeAll(fx.roles.decoys());
    INDArray p = fx.attention(heads, ds);
    String[] keys = {"IO", "S1", "S1+1", "S2"};
    for (int i = 0; i < heads.size(); i++) {
      PlantedRole role = fx.roles.roleOf(heads.get(i)).orElseThrow();
      String from = switch (role) {
        case DUPLICATE_TOKEN, INDUCTION, PREVIOUS_TOKEN -> "S2";
        case NAME_ORDER -> "IO";
        default -> "END";
      };
      StringBuilder sb = new StringBuilder();
      for (String k : keys) {
        sb.append(k).append(' ').append(f(mean(p, i, ds.wordIdx(from), ds.wordIdx(k))))
            .append(", ");
      }
      sb.append("sink ").append(f(mean(p, i, ds.wordIdx(from), new int[ds.size()])));
      row("attention of " + heads.get(i) + " (" + role.key() + ") from " + from, sb.toString());
    }
  }

  private static List<Head> movers(PlantedRoles roles) {
    List<Head> out = new ArrayList<>(roles.nameMovers());
    out.addAll(roles.negativeNameMovers());
    return out;
  }

  private void row(String label, String value) {
    rows.add("| " + label + " | " + value + " |");
  }

  private static String stats(LogitDiffStats s) {
    return f(s.mean()) + " / " + f(s.std()) + " / "
        + f(Arrays.stream(s.perPrompt()).min().orElse(0)) + ", " + pct(s.accuracy());
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
