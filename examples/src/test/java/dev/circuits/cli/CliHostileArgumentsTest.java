package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: command-line arguments that used to exit 0 with garbage or print a raw exception.
 * A failed run exits 1 with one {@code error:} paragraph; an argument picocli rejects exits 2
 * with one {@code error:} line pointing to {@code --help}.
 */
class CliHostileArgumentsTest {
  private static CircuitsCliTest.Run fails(int code, String... args) {
    CircuitsCliTest.Run r = CircuitsCliTest.run(args);
    assertEquals(code, r.code(), r.out() + r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    return r;
  }

  @Test
  void downloadingAnEmptyNameFails() {
    assertTrue(fails(1, "model", "download", "").err().contains("the model name is empty"));
    assertTrue(fails(1, "model", "download", " ").err().contains("the model name is empty"));
  }

  @Test
  void pathPatchRejectsReceiversTheModelDoesNotHave() {
    for (String receiver : new String[] {"99.99", "3.9"}) {
      String err = fails(1, "ioi", "path-patch", "--model", "planted-ioi", "--receiver",
          receiver, "--patch", "flipped-io", "--n", "2").err();
      assertTrue(err.contains("the model has no head") && err.contains("4 layers (0 to 3) of 4 "
          + "heads (0 to 3)"), err);
    }
  }

  @Test
  void generateRejectsANegativeTokenCount() {
    assertTrue(fails(1, "gpt2", "generate", "--model", "planted-ioi", "--prompt", "hi",
        "--tokens", "-5").err().contains("--tokens must be 0 or more, got -5"));
  }

  @Test
  void namedChoicesListTheValidValues() {
    assertTrue(fails(1, "ioi", "dataset", "--type", "XYZ", "--n", "2").err()
        .contains("unknown prompt type 'XYZ'; expected one of BABA, ABBA, mixed"));
    String channel = fails(1, "ioi", "path-patch", "--model", "planted-ioi", "--patch",
        "flipped-io", "--channel", "z", "--n", "2").err();
    assertTrue(channel.contains("unknown channel 'z'; expected all, q, k or v")
        && !channel.contains("qkv"), channel);
    assertTrue(fails(2, "ioi", "dataset", "--family", "Q").err()
        .contains("expected one of [IOI, ABC]"));
  }

  @Test
  void randomGpt2IntoAFileSaysWhy(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    String err = fails(1, "model", "random-gpt2", "--size", "tiny", "--out", file.toString())
        .err();
    assertTrue(err.contains(file + " already exists: it is a file, not a folder"), err);
    assertEquals("x", Files.readString(file));
  }

  @Test
  void anEmptyPathIsAUsageError() {
    String err = fails(2, "model", "planted-ioi", "--out", "").err();
    assertTrue(err.contains("an empty path names no file or folder")
        && err.contains("See 'circuits model planted-ioi --help'."), err);
  }

  @Test
  void usageErrorsAreOneLinePointingToHelp() {
    String err = fails(2, "ioi", "dataset", "--n", "x").err();
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.contains("'x' is not an int.") && err.contains("circuits ioi dataset --help"),
        err);
    assertTrue(fails(2, "circ").err().contains("Commands: print, hash, eval, get, simp."));
    assertTrue(fails(2, "nonsense").err().contains("Did you mean"));
  }

  @Test
  void testsRunWithTheHubOffline() {
    assertEquals("1", System.getenv("HF_HUB_OFFLINE"), "set by examples/pom.xml");
    String err = fails(1, "model", "download", "openai-community/gpt2").err();
    assertTrue(err.contains("HF_HUB_OFFLINE"), err);
  }
}
