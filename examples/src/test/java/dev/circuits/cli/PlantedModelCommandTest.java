package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.ioi.planted.PlantedRoles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code circuits model planted-ioi} (run directly). */
class PlantedModelCommandTest {
  @Test
  void writesALoadableModelAndListsTheRoles(@TempDir Path dir) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = new CommandLine(new PlantedModelCommand.Ioi()).execute("--out", dir.toString());
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("a3.h0") && text.contains("name_mover"), text);
    assertEquals(PlantedIoiModel.config(), Gpt2Checkpoint.readConfig(dir.resolve("config.json")));
    assertEquals(PlantedIoiModel.roles(), PlantedRoles.read(dir));
  }
}
