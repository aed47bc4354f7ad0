package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.IoErrors;
import dev.circuits.core.io.Safetensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes randomly initialised GPT-2 checkpoints of any size in the Hugging Face layout, for
 * offline tests and benchmarks. Weights are N(0, 0.02) like GPT-2's initialisation; biases and
 * LayerNorm parameters are perturbed too so that every tensor matters numerically.
 */
public final class RandomGpt2 {
  private RandomGpt2() {}

  /**
   * Writes {@code config.json} and {@code model.safetensors} into the folder {@code dir}
   * atomically (a temp folder renamed into place: never one file without the other); {@code dir}
   * may be new, empty or an earlier checkpoint. Returns dir.
   */
  public static Path write(Gpt2Config cfg, long seed, Path dir) {
    try {
      AtomicFiles.writeFolder(dir, Set.of(Gpt2Checkpoint.CONFIG, Gpt2Checkpoint.WEIGHTS),
          tmp -> {
            Files.writeString(tmp.resolve(Gpt2Checkpoint.CONFIG),
                Json.write(cfg.toJson()) + "\n", StandardCharsets.UTF_8);
            Safetensors.write(tmp.resolve(Gpt2Checkpoint.WEIGHTS), stateDict(cfg, seed),
                Map.of("format", "pt"));
          });
    } catch (IOException e) {
      throw new CircuitException("cannot write a random GPT-2 checkpoint to " + dir + ": "
          + IoErrors.describe(e), e);
    }
    return dir;
  }

  /** A random state dict in the Hugging Face layout. */
  public static Map<String, INDArray> stateDict(Gpt2Config cfg, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = cfg.nEmbd();
    Map<String, INDArray> s = new LinkedHashMap<>();
    s.put("wte.weight", normal(r, 0.02, 0, cfg.vocabSize(), d));
    s.put("wpe.weight", normal(r, 0.01, 0, cfg.nPositions(), d));
    for (int l = 0; l < cfg.nLayer(); l++) {
      String p = "h." + l + ".";
      s.put(p + "ln_1.weight", normal(r, 0.1, 1, d));
      s.put(p + "ln_1.bias", normal(r, 0.02, 0, d));
      s.put(p + "attn.c_attn.weight", normal(r, 0.02, 0, d, 3 * d));
      s.put(p + "attn.c_attn.bias", normal(r, 0.02, 0, 3 * d));
      s.put(p + "attn.c_proj.weight", normal(r, 0.02 / Math.sqrt(2.0 * cfg.nLayer()), 0, d, d));
      s.put(p + "attn.c_proj.bias", normal(r, 0.02, 0, d));
      s.put(p + "ln_2.weight", normal(r, 0.1, 1, d));
      s.put(p + "ln_2.bias", normal(r, 0.02, 0, d));
      s.put(p + "mlp.c_fc.weight", normal(r, 0.02, 0, d, 4 * d));
      s.put(p + "mlp.c_fc.bias", normal(r, 0.02, 0, 4 * d));
      s.put(p + "mlp.c_proj.weight", normal(r, 0.02 / Math.sqrt(2.0 * cfg.nLayer()), 0, 4 * d,
          d));
      s.put(p + "mlp.c_proj.bias", normal(r, 0.02, 0, d));
    }
    s.put("ln_f.weight", normal(r, 0.1, 1, d));
    s.put("ln_f.bias", normal(r, 0.02, 0, d));
    return s;
  }

  private static INDArray normal(SplittableRandom r, double std, double mean, long... shape) {
    long n = 1;
    for (long x : shape) {
      n *= x;
    }
    float[] data = new float[Math.toIntExact(n)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (mean + std * gaussian(r));
    }
    return Nd4j.create(data, shape, 'c').castTo(DataType.FLOAT);
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian in Java 17). */
  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
