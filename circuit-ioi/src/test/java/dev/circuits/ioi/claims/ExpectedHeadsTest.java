package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the expected heads come from: the paper for GPT-2 small, the planted roles, or none. */
class ExpectedHeadsTest {
  @Test
  void gpt2SmallShapeGetsThePapersHeads() {
    ExpectedHeads e = ExpectedHeads.forConfig(Gpt2Config.small());
    assertTrue(e.source().contains("IOI paper"), e.source());
    assertEquals(List.of(new Head(9, 6), new Head(9, 9), new Head(10, 0)),
        e.heads(IoiRole.NAME_MOVER));
    assertEquals(List.of(new Head(10, 7), new Head(11, 10)),
        e.heads(IoiRole.NEGATIVE_NAME_MOVER));
    assertEquals("9.0, 9.7, 10.1, 10.2, 10.6, 10.10, 11.2, 11.9",
        Heads.labels(e.heads(IoiRole.BACKUP_NAME_MOVER)));
    for (IoiRole role : IoiRole.values()) {
      assertTrue(!e.heads(role).isEmpty(), "the paper names " + role.plural());
    }
  }

  @Test
  void otherShapesGetNoExpectation() {
    for (Gpt2Config cfg : List.of(new Gpt2Config(12, 12, 1536, 50257, 1024, 1e-5, "gelu_new"),
        new Gpt2Config(24, 16, 1024, 50257, 1024, 1e-5, "gelu_new"),
        new Gpt2Config(12, 16, 768, 50257, 1024, 1e-5, "gelu_new"),
        new Gpt2Config(4, 4, 256, 50257, 128, 1e-5, "gelu_new"))) {
      ExpectedHeads e = ExpectedHeads.forConfig(cfg);
      assertEquals(ExpectedHeads.none(), e, cfg.toString());
      for (IoiRole role : IoiRole.values()) {
        assertEquals(List.of(), e.heads(role));
      }
    }
  }

  @Test
  void plantedRolesComeFromTheModelsConfig() {
    ExpectedHeads e = ExpectedHeads.planted(PlantedIoiModel.roles());
    assertEquals(List.of(new Head(3, 0), new Head(3, 1)), e.heads(IoiRole.NAME_MOVER));
    assertEquals(List.of(new Head(2, 0)), e.heads(IoiRole.S_INHIBITION));
    assertEquals(List.of(), e.heads(IoiRole.BACKUP_NAME_MOVER));
    assertTrue(e.source().contains("planted"), e.source());
  }
}
