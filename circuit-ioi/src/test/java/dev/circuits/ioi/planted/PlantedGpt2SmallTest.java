package dev.circuits.ioi.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.claims.ExpectedHeads;
import dev.circuits.ioi.claims.IoiRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** planted-gpt2's shape, roles and files (no forward passes). */
class PlantedGpt2SmallTest {
  /** SHA-256 of the written model.safetensors; changes only when the design changes. */
  private static final String WEIGHTS_SHA256 =
      "e61ed91548eb21471a495f8c63c3ef9fa9c3efe8562043f926a751515e93e8d3";

  @Test
  void hasGpt2SmallsExactConfiguration() {
    assertEquals(Gpt2Config.small(), PlantedGpt2Small.config());
    assertEquals(new Gpt2Config(12, 12, 768, 50257, 1024, 1e-5, "gelu_new"),
        PlantedGpt2Small.config());
    assertEquals(PlantedGpt2Small.MODEL, PlantedModels.named("planted-gpt2").orElseThrow());
  }

  @Test
  void putsThePapersHeadClassesAtThePapersPlaces() {
    PlantedRoles roles = PlantedGpt2Small.roles();
    List<Head> all = roles.all();
    assertEquals(144, all.size());
    assertEquals(all.size(), new HashSet<>(all).size());
    assertEquals(heads("9.6 9.9 10.0"), roles.nameMovers());
    assertEquals(heads("10.7 11.10"), roles.negativeNameMovers());
    assertEquals(heads("10.1 10.2 10.6 10.10 11.2 11.9"), roles.backupNameMovers());
    assertEquals(heads("7.3 7.9 8.6 8.10"), roles.sInhibition());
    assertEquals(heads("5.5 6.9"), roles.induction());
    assertEquals(heads("0.1 3.0"), roles.duplicateToken());
    assertEquals(heads("2.2 4.11"), roles.heads(PlantedRole.PREVIOUS_TOKEN));
    assertEquals(heads("0.6"), roles.heads(PlantedRole.NAME_ORDER));
    assertEquals(144 - 22, roles.decoys().size());
    for (PlantedHead h : PlantedGpt2Small.heads()) {
      assertTrue(!h.description().isBlank(), h.head() + " has no description");
    }
    ExpectedHeads expected = ExpectedHeads.planted(roles);
    assertEquals(ExpectedHeads.gpt2Small().heads(IoiRole.NAME_MOVER),
        expected.heads(IoiRole.NAME_MOVER));
    assertEquals(ExpectedHeads.gpt2Small().heads(IoiRole.NEGATIVE_NAME_MOVER),
        expected.heads(IoiRole.NEGATIVE_NAME_MOVER));
    assertEquals(6, expected.heads(IoiRole.BACKUP_NAME_MOVER).size());
  }

  @Test
  void configJsonCarriesTheNewRoles() {
    Map<?, ?> planted = (Map<?, ?>) ((Map<?, ?>) Json.parse(Json.write(
        PlantedGpt2Small.MODEL.configJson()))).get(PlantedRoles.CONFIG_KEY);
    assertEquals(Set.of("name_mover", "negative_name_mover", "backup_name_mover",
        "s_inhibition", "duplicate_token", "induction", "previous_token", "name_order", "decoy"),
        planted.keySet());
    assertEquals(List.of(List.of(10L, 7L), List.of(11L, 10L)), planted.get("negative_name_mover"));
    assertEquals(PlantedGpt2Small.roles(), PlantedRoles.fromJson(planted, "test"));
  }

  @Test
  void everyWriteSumsToZeroAndOnlyTokenIdReachesTheLogits() {
    Gpt2Weights w = PlantedGpt2Small.load();
    assertTrue(w.tokEmbeds().sum(1).amaxNumber().doubleValue() < 1e-5, "a wte row is not "
        + "zero-sum");
    assertTrue(w.posEmbeds().sum(1).amaxNumber().doubleValue() < 1e-5, "a wpe row is not "
        + "zero-sum");
    for (int l = 0; l < 12; l++) {
      Gpt2Weights.Layer layer = w.layers().get(l);
      assertTrue(layer.o().sum(1).amaxNumber().doubleValue() < 1e-5, "layer " + l
          + ": a head's output column is not zero-sum");
      double mlp = layer.projOut().norm2Number().doubleValue();
      assertTrue(l == 0 ? mlp > 1 : mlp == 0, "layer " + l + " MLP output norm " + mlp);
    }
    INDArray lnf = w.finalLnScale();
    assertEquals(PlantedGpt2Layout.TOKEN_ID.size(), lnf.neq(0).castTo(
        org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue());
  }

  @Test
  void writesADeterministicCheckpoint(@TempDir Path dir) throws Exception {
    Path a = PlantedGpt2Small.write(dir.resolve("a"));
    String sha = sha256(a.resolve(Gpt2Checkpoint.WEIGHTS));
    assertEquals(WEIGHTS_SHA256, sha);
    assertEquals(PlantedGpt2Small.config(), Gpt2Checkpoint.readConfig(
        a.resolve(Gpt2Checkpoint.CONFIG)));
    assertEquals(PlantedGpt2Small.roles(), PlantedRoles.read(a));
  }

  private static List<Head> heads(String spaced) {
    return java.util.Arrays.stream(spaced.split(" ")).map(s -> {
      String[] p = s.split("\\.");
      return new Head(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }).toList();
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
