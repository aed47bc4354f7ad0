package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.io.IoErrors;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.TensorStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shared options for commands reading a {@code .circ} file. */
final class CircuitFileOptions {
  @Parameters(index = "0", paramLabel = "FILE", description = "A .circ file.")
  Path file;

  @Option(names = "--tensors", paramLabel = "DIR",
      description = "Tensor store folder (default: $TENSORS_CACHE_DIR or ~/tensors_by_hash_cache).")
  Path tensors;

  @Option(names = "--random-tensors",
      description = "Use seeded random tensors for Arrays not found in the store (and for `rand`).")
  boolean randomTensors;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for --random-tensors.")
  long seed;

  @Option(names = "--stand-in-tensors", description = "Arrays not in the store become zero-size "
      + "stand-ins that keep their printed hash (print/hash without the weights; not evaluable).")
  boolean standInTensors;

  private ModelFile modelFile;

  /** Refuses a file too large to parse in this JVM's heap (the text is held several times). */
  private void checkFits(long bytes) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free / 8) {
      throw new CircuitException(file + " is " + (bytes >> 20) + " MB, too large to parse with "
          + (free >> 20) + " MB of free heap (raise -Xmx)");
    }
  }

  /** The tensor store these options select. */
  TensorStore store() {
    return tensors == null ? TensorStore.defaultStore() : TensorStore.at(tensors);
  }

  /** The parsed rust_circuit model file, when FILE starts with {@code # info:} (after parse()). */
  java.util.Optional<ModelFile> modelFile() {
    return java.util.Optional.ofNullable(modelFile);
  }

  /** Parses every root of the file (model files: with the module library); errors name the line. */
  List<Circuit> parse() {
    String text;
    try {
      checkFits(Files.size(file));
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CircuitException("no such file: " + file, e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CircuitException("cannot read " + file + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new CircuitException("cannot read " + file + ": " + IoErrors.describe(e), e);
    }
    TensorStore store = store();
    ParserOptions opts = ParserOptions.defaults().withTensorLookup(store::load)
        .withTensorsAsRandom(randomTensors, seed).withTensorStandIns(standInTensors);
    try {
      if (text.strip().startsWith(ModelFile.INFO_PREFIX)) {
        modelFile = ModelFile.parse(text, opts);
        return List.copyOf(modelFile.circuits().values());
      }
      return new Parser(opts).parseCircuits(text);
    } catch (CircuitException e) {
      throw new CircuitException(file + ": " + e.getMessage(), e);
    }
  }
}
