package dev.circuits.ioi.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.IoiWords;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.TemplateSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The geometry PLANTED.md promises: zero-mean writes, controlled norms, spread-out names. */
class PlantedGeometryTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedGeometryTest.class);

  @Test
  void nameVectorsAreUnitZeroSumAndNearlyOrthogonal() {
    double[][] v = PlantedEmbeddings.nameVectors();
    assertEquals(IoiWords.remix().names().size(), v.length);
    for (double[] x : v) {
      assertEquals(1, NameFrame.dot(x, x), 1e-9);
      assertEquals(0, java.util.Arrays.stream(x).sum(), 1e-9);
    }
    double coherence = NameFrame.coherence(v);
    LOG.info("name coherence {}", coherence);
    assertTrue(coherence < 0.15, "largest |cos| between two names is " + coherence);
  }

  @Test
  void everyWrittenVectorSumsToZeroSoLayerNormNeverShiftsTheMean() {
    Map<String, INDArray> sd = PlantedStateDict.build();
    assertRowsSumToZero(sd.get("wte.weight"), "wte");
    assertRowsSumToZero(sd.get("wpe.weight"), "wpe");
    for (int l = 0; l < PlantedLayout.N_LAYER; l++) {
      assertRowsSumToZero(sd.get("h." + l + ".attn.c_proj.weight"), "h." + l + ".attn.c_proj");
      assertEquals(0, sd.get("h." + l + ".mlp.c_proj.weight").norm2Number().doubleValue());
    }
    INDArray lnf = sd.get("ln_f.weight");
    assertEquals(PlantedLayout.NAME_ID.size(),
        lnf.neq(0).castTo(DataType.INT32).sumNumber().intValue());
  }

  @Test
  void residualNormsStayNearNominalSoLayerNormIsAFixedScale() {
    PlantedProbe probe = new PlantedProbe();
    IoiDataset ds = IoiVariants.withRandomPrefixes(IoiDataset.builder().n(20)
        .promptType(PromptType.MIXED).templateSet(TemplateSet.paper()).seed(5).build(), 0, 3, 1);
    PlantedProbe.ResidualStats r = probe.residualStats(probe.run(ds), PlantedLayout.N_LAYER,
        PlantedEmbeddings.NOMINAL_NORM_SQ);
    assertEquals(0, r.largestMean(), 1e-5, "a residual has a non-zero mean");
    double lo = r.lowest();
    double hi = r.highest();
    LOG.info("residual norm / nominal in [{}, {}]", lo, hi);
    assertTrue(lo > 0.98 && hi < 1.02, "residual norms range over [" + lo + ", " + hi
        + "] of nominal");
  }

  private static void assertRowsSumToZero(INDArray m, String what) {
    INDArray sums = m.sum(1);
    double worst = sums.amaxNumber().doubleValue();
    assertTrue(worst < 1e-5, what + ": a row sums to " + worst);
  }
}
