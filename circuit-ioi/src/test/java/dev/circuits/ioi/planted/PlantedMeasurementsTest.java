package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedProbe.fractionPositive;
import static dev.circuits.ioi.planted.PlantedProbe.mean;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the numbers of PLANTED.md's "Measured" section and logs them as its table rows
 * (BABA and ABBA, N=100 over the paper's templates); asserts only the headline properties. About a
 * minute, so opt-in: {@code mvn -pl circuit-ioi test -Dtest=PlantedMeasurementsTest
 * -Dplanted.measure=true}.
 */
@EnabledIfSystemProperty(named = "planted.measure", matches = "true")
class PlantedMeasurementsTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedMeasurementsTest.class);
  private static final int N = 100;

  private final PlantedProbe probe = new PlantedProbe();
  private final PlantedRoles roles = PlantedIoiModel.roles();

  @Test
  void logsThePlantedMdTable() {
    List<String[]> rows = new ArrayList<>();
    for (PromptType type : List.of(PromptType.BABA, PromptType.ABBA)) {
      rows.add(column(type));
    }
    String[] labels = {"mean logit(IO) - logit(S)", "IO preferred",
        "patch from flipped IO: 3.0 / 3.1 / both name movers",
        "patch from flipped IO: largest decoy, all 10 decoys together",
        "patch from flipped IO: 0.0, 0.1, 1.0, 2.0",
        "patch from ABC (flip S2): 0.0 / 1.0 / both", "patch from ABC: 2.0",
        "patch from flipped S: 0.1 (breaks induction) / 2.0",
        "logit(IO1) - logit(IO2) on the ABC prompts"};
    StringBuilder table = new StringBuilder("\n| | BABA | ABBA |\n|---|---|---|\n");
    for (int r = 0; r < labels.length; r++) {
      table.append("| ").append(labels[r]).append(" | ").append(rows.get(0)[r]).append(" | ")
          .append(rows.get(1)[r]).append(" |\n");
    }
    LOG.info("PLANTED.md measured table:{}", table);

    IoiDataset prefixed = IoiVariants.withRandomPrefixes(paper(PromptType.MIXED, 3), 1, 4, 7);
    double[] ld = probe.logitDiff(probe.run(prefixed));
    LOG.info("random prefixes (max {} tokens): {}, {}", prefixed.maxLength(), f2(mean(ld)),
        pct(fractionPositive(ld)));
    assertTrue(mean(ld) > 2 && fractionPositive(ld) >= 0.95, "with prefixes " + mean(ld));
    IoiDataset remix = IoiDataset.builder().n(N).promptType(PromptType.MIXED).seed(42).build();
    double[] ldRemix = probe.logitDiff(probe.run(remix));
    LOG.info("REMIX template (N={} mixed, seed 42): {}, {}", N, f2(mean(ldRemix)),
        pct(fractionPositive(ldRemix)));
    assertTrue(mean(ldRemix) > 2 && fractionPositive(ldRemix) >= 0.95, "REMIX " + mean(ldRemix));
  }

  private String[] column(PromptType type) {
    IoiDataset ds = paper(type, type == PromptType.ABBA ? 2 : 1);
    PlantedProbe.Run clean = probe.run(ds);
    double[] ld = probe.logitDiff(clean);
    double base = mean(ld);
    assertTrue(base > 2 && fractionPositive(ld) >= 0.95, type + ": " + base);
    PlantedProbe.Run io = probe.run(ds.flip(Flip.IO));
    PlantedProbe.Run abc = probe.run(ds.flip(Flip.S2));
    PlantedProbe.Run flippedS = probe.run(ds.flip(Flip.S));
    Head nm0 = roles.nameMovers().get(0);
    Head nm1 = roles.nameMovers().get(1);
    double worstDecoy = 0;
    for (Head d : roles.decoys()) {
      worstDecoy = Math.max(worstDecoy, Math.abs(destroyed(clean, io, List.of(d), base)));
    }
    Head dup = roles.duplicateToken().get(0);
    Head ind = roles.induction().get(0);
    Head prev = roles.heads(PlantedRole.PREVIOUS_TOKEN).get(0);
    Head sInh = roles.sInhibition().get(0);
    double early = 0;
    for (Head h : List.of(dup, prev, ind, sInh)) {
      early = Math.max(early, Math.abs(destroyed(clean, io, List.of(h), base)));
    }
    return new String[] {
        f2(base) + " (min " + f2(min(ld)) + ")",
        pct(fractionPositive(ld)),
        pct(destroyed(clean, io, List.of(nm0), base)) + " / "
            + pct(destroyed(clean, io, List.of(nm1), base)) + " / "
            + pct(destroyed(clean, io, roles.nameMovers(), base)),
        sci(worstDecoy) + ", " + sci(Math.abs(destroyed(clean, io, roles.decoys(), base))),
        "at most " + sci(early),
        pct(destroyed(clean, abc, List.of(dup), base)) + " / "
            + pct(destroyed(clean, abc, List.of(ind), base)) + " / "
            + pct(destroyed(clean, abc, List.of(dup, ind), base)),
        pct(destroyed(clean, abc, List.of(sInh), base)),
        pct(destroyed(clean, flippedS, List.of(prev), base)) + " / "
            + pct(destroyed(clean, flippedS, List.of(sInh), base)),
        f2(mean(probe.logitDiff(abc)))};
  }

  private double destroyed(PlantedProbe.Run clean, PlantedProbe.Run from, List<Head> heads,
      double base) {
    return 1 - mean(probe.patched(clean, from, heads)) / base;
  }

  private static IoiDataset paper(PromptType type, long seed) {
    return IoiDataset.builder().n(N).promptType(type).templateSet(TemplateSet.paper()).seed(seed)
        .build();
  }

  private static double min(double[] xs) {
    return java.util.Arrays.stream(xs).min().orElseThrow();
  }

  private static String f2(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * x);
  }

  private static String sci(double x) {
    return String.format(Locale.ROOT, "%.1e", x);
  }
}
