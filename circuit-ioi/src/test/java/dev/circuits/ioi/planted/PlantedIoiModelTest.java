package dev.circuits.ioi.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.RandomGpt2;
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

/** Writing, loading and the roles of the planted model. */
class PlantedIoiModelTest {
  /** SHA-256 of the written model.safetensors; changes only when the design changes. */
  private static final String WEIGHTS_SHA256 =
      "0121f3ed5f4767d78e5ac54b2e6ea0c371c1b56c2db29bceaf490b1c24a816c9";

  @Test
  void writesADeterministicHuggingFaceCheckpoint(@TempDir Path dir) throws Exception {
    Path a = PlantedIoiModel.write(dir.resolve("a"));
    Path b = PlantedIoiModel.write(dir.resolve("b"));
    for (String f : List.of(Gpt2Checkpoint.CONFIG, Gpt2Checkpoint.WEIGHTS)) {
      assertEquals(-1, Files.mismatch(a.resolve(f), b.resolve(f)), f + " differs between writes");
    }
    assertEquals(WEIGHTS_SHA256, sha256(a.resolve(Gpt2Checkpoint.WEIGHTS)));
    Gpt2Weights loaded = Gpt2Checkpoint.load(a);
    Gpt2Weights inMemory = PlantedIoiModel.load();
    assertEquals(PlantedIoiModel.config(), loaded.config());
    assertEquals(inMemory.tokEmbeds(), loaded.tokEmbeds());
    assertEquals(inMemory.layers().get(3).q(), loaded.layers().get(3).q());
    assertEquals(inMemory.layers().get(0).o(), loaded.layers().get(0).o());
    assertEquals(inMemory.finalLnScale(), loaded.finalLnScale());
    assertEquals(PlantedIoiModel.roles(), PlantedRoles.read(a));
  }

  @Test
  void everyHeadHasExactlyOneRole() {
    PlantedRoles roles = PlantedIoiModel.roles();
    Gpt2Config cfg = PlantedIoiModel.config();
    List<Head> all = roles.all();
    assertEquals(cfg.nLayer() * cfg.nHead(), all.size());
    assertEquals(all.size(), new HashSet<>(all).size());
    assertEquals(List.of(new Head(3, 0), new Head(3, 1)), roles.nameMovers());
    assertEquals(List.of(new Head(2, 0)), roles.sInhibition());
    assertEquals(List.of(new Head(0, 0)), roles.duplicateToken());
    assertEquals(List.of(new Head(1, 0)), roles.induction());
    assertEquals(List.of(new Head(0, 1)), roles.heads(PlantedRole.PREVIOUS_TOKEN));
    assertEquals(10, roles.decoys().size());
    assertEquals(PlantedRole.DECOY, roles.roleOf(new Head(3, 2)).orElseThrow());
    assertFalse(roles.roleOf(new Head(4, 0)).isPresent());
    for (PlantedHead h : PlantedIoiModel.heads()) {
      assertEquals(h.role(), roles.roleOf(h.head()).orElseThrow());
      assertFalse(h.description().isBlank(), h.head() + " has no description");
    }
    assertEquals("a3.h1", roles.nameMovers().get(1).nodeName());
  }

  @Test
  void configJsonCarriesTheRoles() {
    Map<String, Object> json = PlantedIoiModel.configJson();
    Object parsed = Json.parse(Json.write(json));
    Map<?, ?> planted = (Map<?, ?>) ((Map<?, ?>) parsed).get(PlantedRoles.CONFIG_KEY);
    assertEquals(List.of(List.of(3L, 0L), List.of(3L, 1L)), planted.get("name_mover"));
    assertEquals(PlantedIoiModel.roles(), PlantedRoles.fromJson(planted, "test"));
    assertEquals(Set.of("name_mover", "s_inhibition", "duplicate_token", "induction",
        "previous_token", "decoy"), planted.keySet());
  }

  @Test
  void malformedRolesAreRejectedByName(@TempDir Path dir) {
    PlantedModelException unknown = assertThrows(PlantedModelException.class,
        () -> PlantedRoles.fromJson(Map.of("mover", List.of()), "cfg"));
    assertTrue(unknown.getMessage().contains("'mover'"), unknown.getMessage());
    PlantedModelException pair = assertThrows(PlantedModelException.class,
        () -> PlantedRoles.fromJson(Map.of("decoy", List.of(List.of(1L))), "cfg"));
    assertTrue(pair.getMessage().contains("cfg") && pair.getMessage().contains("[layer, head]"),
        pair.getMessage());
    PlantedModelException twice = assertThrows(PlantedModelException.class,
        () -> PlantedRoles.fromJson(Map.of("decoy", List.of(List.of(1L, 2L)),
            "name_mover", List.of(List.of(1L, 2L))), "cfg"));
    assertTrue(twice.getMessage().contains("1.2"), twice.getMessage());
    RandomGpt2.write(new Gpt2Config(1, 2, 8, 10, 4, 1e-5, "gelu_new"), 1, dir);
    PlantedModelException notPlanted = assertThrows(PlantedModelException.class,
        () -> PlantedRoles.read(dir));
    assertTrue(notPlanted.getMessage().contains(PlantedRoles.CONFIG_KEY),
        notPlanted.getMessage());
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
