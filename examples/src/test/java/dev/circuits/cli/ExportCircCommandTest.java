package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.io.TorchSave;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2ModelFile;
import dev.circuits.gpt2.model.RandomGpt2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export-circ} writes a REMIX-form model file whose tensors are torch.save files. */
class ExportCircCommandTest {
  private static CircuitsCliTest.Run run(String... args) {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cl = CircuitsCli.commandLine();
      cl.addSubcommand("export-circ", new ExportCircCommand());
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new CircuitsCliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(oldOut);
    }
  }

  @Test
  void exportsATinyCheckpoint(@TempDir Path dir) throws Exception {
    Path model = RandomGpt2.write(new Gpt2Config(2, 4, 64, 1000, 32, 1e-5, "gelu_new"), 3,
        dir.resolve("model"));
    Path out = dir.resolve("out").resolve("tiny.circ");
    Path tensors = dir.resolve("tensors");
    CircuitsCliTest.Run r = run("export-circ", "--model", model.toString(), "--out",
        out.toString(), "--tensors", tensors.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 layers") && r.out().contains("TORCH"), r.out());
    String text = Files.readString(out);
    assertTrue(text.startsWith("# info:{\"params\": {\"block_params\": {\"norm_type\": \"ln\""),
        text);
    assertTrue(text.contains("\"mlp_act_type\": \"gelu_new\""), text);
    try (Stream<Path> files = Files.walk(tensors)) {
      assertTrue(files.filter(Files::isRegularFile).allMatch(TorchSave::isZip));
    }
    ModelFile back = ModelFile.parse(text,
        ParserOptions.defaults().withTensorLookup(TensorStore.at(tensors)::load));
    assertEquals(Gpt2Checkpoint.load(model).toRemix().get("a1.w.v"),
        Gpt2ModelFile.weights(back).toRemix().get("a1.w.v"));
  }

  @Test
  void badOptionsAreReported(@TempDir Path dir) {
    CircuitsCliTest.Run r = run("export-circ", "--model", dir.resolve("missing").toString(),
        "--out", dir.resolve("x.circ").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("not a GPT-2 model folder"), r.err());
  }
}
