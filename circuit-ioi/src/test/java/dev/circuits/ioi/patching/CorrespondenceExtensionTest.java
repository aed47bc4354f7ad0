package dev.circuits.ioi.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.match.Extender;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.IllegalCorrespondenceException;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.PoolAnnotation;
import dev.circuits.scrubbing.UncondSampler;
import dev.circuits.scrubbing.patching.CorrespondenceExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REMIX's {@code extend_corr}: the second-order name-mover example and its errors. */
class CorrespondenceExtensionTest {
  /** Stand-ins for REMIX's POS_NM 10.0, 9.6, 9.9 at END on a 3-layer model. */
  private static final List<String> POS_NM = List.of("a2_h0_t5", "a1_h1_t5", "a1_h3_t5");
  private static SmallModel m;

  @BeforeAll
  static void setUp() {
    m = SmallModel.create(3);
  }

  /** The root {@code logits} and its child POS_NM (direct paths to the group), as in REMIX. */
  private static Correspondence withPosNm() {
    Correspondence corr = new Correspondence();
    corr.add(new InterpNode("logits", new ExactSampler()), IterativeMatcher.corrRootMatcher());
    CorrespondenceExtension.extendCorr(corr, "logits", "POS_NM",
        DirectPaths.extendMatcher(POS_NM, true, true, Channel.ALL), new ExactSampler());
    return corr;
  }

  @Test
  void secondOrderNameMoversPrintRemixsPaths() {
    Correspondence corr = withPosNm();
    InterpNode posNm = corr.getByName("POS_NM");
    InterpNode second = CorrespondenceExtension.extendCorr(corr, "POS_NM", "POS_NM_second_order",
        DirectPaths.extendMatcher(POS_NM, true, true, Channel.Q), new ExactSampler());
    assertEquals(List.of(second), posNm.children());
    assertSame(second, corr.getByName("POS_NM_second_order"));
    assertEquals(new ExactSampler(), second.condSampler());
    assertEquals(new UncondSampler(), second.otherInputsSampler());
    assertEquals(3, corr.size());
    assertEquals("logits", corr.getRoot().name());
    corr.checkComplete();

    Map<String, String> shortNames = new HashMap<>();
    POS_NM.forEach(n -> shortNames.put(n, "POS_NM"));
    assertEquals("\n--- paths to a1_h1_t5 ---\nPath 0 : POS_NM->a.q->POS_NM->logits\n"
        + "\n--- paths to a1_h3_t5 ---\nPath 0 : POS_NM->a.q->POS_NM->logits\n",
        m.allHeadsPaths(corr.get(second), true, shortNames));
  }

  @Test
  void otherInputsSamplerIsKept() {
    Correspondence corr = withPosNm();
    UncondSampler pooled = UncondSampler.pooled(PoolAnnotation.fresh(2));
    InterpNode child = CorrespondenceExtension.extendCorr(corr, "POS_NM", "X",
        DirectPaths.extendMatcher(POS_NM, true, true, Channel.K), new UncondSampler(), pooled);
    assertSame(pooled, child.otherInputsSampler());
  }

  @Test
  void aMissingParentOrATakenNameIsRejectedByName() {
    Correspondence corr = withPosNm();
    Extender q = DirectPaths.extendMatcher(POS_NM, true, true, Channel.Q);
    IllegalCorrespondenceException missing = assertThrows(IllegalCorrespondenceException.class,
        () -> CorrespondenceExtension.extendCorr(corr, "NM", "NM2", q, new ExactSampler()));
    assertEquals(IllegalCorrespondenceException.Reason.NOT_IN_CORRESPONDENCE, missing.reason());
    assertTrue(missing.getMessage().contains("'NM'")
        && missing.getMessage().contains("[logits, POS_NM]"), missing.getMessage());

    IllegalCorrespondenceException taken = assertThrows(IllegalCorrespondenceException.class,
        () -> CorrespondenceExtension.extendCorr(corr, "POS_NM", "logits", q,
            new ExactSampler()));
    assertEquals(IllegalCorrespondenceException.Reason.DUPLICATE_NAME, taken.reason());
    assertTrue(taken.getMessage().contains("'logits'"), taken.getMessage());
    assertTrue(corr.getByName("POS_NM").children().isEmpty(), "no dangling child");
    assertEquals(2, corr.size());
  }
}
