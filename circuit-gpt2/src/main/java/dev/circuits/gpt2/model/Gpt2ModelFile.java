package dev.circuits.gpt2.model;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.library.ModelFileException;
import dev.circuits.core.library.ModuleBinds;
import dev.circuits.core.library.NormType;
import dev.circuits.core.library.TransformerBlockParams;
import dev.circuits.core.library.TransformerInfo;
import dev.circuits.core.library.TransformerParams;
import dev.circuits.core.text.PrintOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GPT-2 as a rust_circuit model file, the form of REMIX's {@code gelu_12_tied.circ}: the
 * {@code # info:} header, {@code t.w.tok_embeds}, {@code t.w.pos_embeds} and {@code t.bind_w}, the
 * module library's transformer with REMIX-named weight Arrays ({@code a0.w.q_arr}, ...) bound to
 * its weight symbols. Exporting GPT-2 small's weights reproduces REMIX's Array hashes.
 *
 * <pre>{@code
 * String text = Gpt2ModelFile.export(weights, Activation.GELU_NEW,
 *     PrintOptions.defaults().withTensorSink(store::save));
 * Gpt2Weights back = Gpt2ModelFile.weights(ModelFile.parse(text, lookupOptions));
 * }</pre>
 */
public final class Gpt2ModelFile {
  /** The suffix REMIX's files give bound weight Arrays ({@code a0.w.q_arr}). */
  public static final String ARRAY_SUFFIX = "_arr";
  private static final String TOK_EMBEDS = "t.w.tok_embeds";
  private static final String POS_EMBEDS = "t.w.pos_embeds";
  private static final double LIBRARY_LN_EPS = 1e-5;

  private Gpt2ModelFile() {}

  /**
   * The info REMIX's GPT-2 files carry ({@code model_class} GPT, gpt positions, causal mask, LN,
   * attention and MLP biases, no unembedding bias) for {@code cfg}'s layer count; the MLP
   * activation is {@code gelu} (erf, REMIX's) or {@code gelu_new} (GPT-2's tanh approximation).
   */
  public static TransformerInfo info(Gpt2Config cfg, Gpt2BuildOptions.Activation activation) {
    TransformerBlockParams block = new TransformerBlockParams(NormType.LN, true, false, true,
        activationName(activation), true, false, false);
    return new TransformerInfo(new TransformerParams(block, cfg.nLayer(), true, false), "GPT",
        "gpt", true, null);
  }

  /**
   * The model file's root circuits: the two embedding Arrays and {@code t.bind_w}, the library
   * transformer with every other weight bound as an Array named {@code <remix name>_arr}.
   */
  public static List<Circuit> circuits(Gpt2Weights w, Gpt2BuildOptions.Activation activation) {
    if (w.config().layerNormEpsilon() != LIBRARY_LN_EPS) {
      throw new CircuitException("the module library's layer norm uses eps " + LIBRARY_LN_EPS
          + "; this model's config has " + w.config().layerNormEpsilon());
    }
    TransformerInfo info = info(w.config(), activation);
    Map<String, INDArray> remix = w.toRemix();
    List<Map.Entry<String, Circuit>> bindings = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : remix.entrySet()) {
      if (!e.getKey().equals(TOK_EMBEDS) && !e.getKey().equals(POS_EMBEDS)) {
        bindings.add(ModuleBinds.of(e.getKey(),
            Array.wrap(e.getValue(), e.getKey() + ARRAY_SUFFIX)));
      }
    }
    Circuit bound = ModuleBinds.bind(info.params().get().body(), ModelFile.BOUND_WEIGHTS,
        bindings);
    return List.of(Array.wrap(remix.get(TOK_EMBEDS), TOK_EMBEDS),
        Array.wrap(remix.get(POS_EMBEDS), POS_EMBEDS), bound);
  }

  /**
   * The model file text for {@code w}; {@code options} should carry a tensor sink (e.g.
   * {@code store::save}) so that the printed Array hashes can be resolved later.
   */
  public static String export(Gpt2Weights w, Gpt2BuildOptions.Activation activation,
      PrintOptions options) {
    return ModelFile.dump(info(w.config(), activation), options, circuits(w, activation));
  }

  /**
   * The GPT-2 weights of a parsed model file (REMIX names, see {@link Gpt2Weights#fromRemix}),
   * with the config read off the info and the Array shapes ({@code n_positions} is the number of
   * position embeddings). Throws a {@link ModelFileException} when the file is not GPT-2-shaped.
   */
  public static Gpt2Weights weights(ModelFile file) {
    TransformerInfo info = file.info();
    checkGpt2Shaped(info);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    file.weights().forEach((name, a) -> arrays.put(name.endsWith(ARRAY_SUFFIX)
        ? name.substring(0, name.length() - ARRAY_SUFFIX.length()) : name, a.value()));
    INDArray tok = require(arrays, TOK_EMBEDS);
    INDArray pos = require(arrays, POS_EMBEDS);
    INDArray q = require(arrays, "a0.w.q");
    Gpt2Config cfg = new Gpt2Config(info.params().numLayers(), Math.toIntExact(q.size(0)),
        Math.toIntExact(tok.size(1)), Math.toIntExact(tok.size(0)),
        Math.toIntExact(pos.size(0)), LIBRARY_LN_EPS,
        info.params().blockParams().mlpActType().equals("gelu") ? "gelu" : "gelu_new");
    return Gpt2Weights.fromRemix(cfg, arrays, "model file t.bind_w");
  }

  /** The activation a model file's MLPs use, for {@link Gpt2BuildOptions#withActivation}. */
  public static Gpt2BuildOptions.Activation activation(ModelFile file) {
    return file.info().params().blockParams().mlpActType().equals("gelu")
        ? Gpt2BuildOptions.Activation.GELU_ERF : Gpt2BuildOptions.Activation.GELU_NEW;
  }

  private static void checkGpt2Shaped(TransformerInfo info) {
    TransformerParams p = info.params();
    TransformerBlockParams b = p.blockParams();
    List<String> problems = new ArrayList<>();
    expect(problems, b.normType() == NormType.LN, "norm_type ln");
    expect(problems, b.attnBias(), "attn_bias true");
    expect(problems, !b.attnPos(), "attn_pos false");
    expect(problems, b.useMlp(), "use_mlp true");
    expect(problems, b.mlpActType().equals("gelu") || b.mlpActType().equals("gelu_new"),
        "mlp_act_type gelu or gelu_new");
    expect(problems, b.mlpOutputBias(), "mlp_output_bias true");
    expect(problems, !b.useParallelResidual() && !b.useRope(), "no parallel residual or rope");
    expect(problems, p.useNormOutput(), "use_norm_output true");
    expect(problems, !p.outputBias(), "output_bias false");
    expect(problems, "gpt".equals(info.posEncType()), "pos_enc_type gpt");
    expect(problems, Boolean.TRUE.equals(info.causalMask()), "causal_mask true");
    if (!problems.isEmpty()) {
      throw new ModelFileException("not a GPT-2-shaped model file: expected " + problems
          + " (info " + info.toJson() + ")");
    }
  }

  private static void expect(List<String> problems, boolean ok, String what) {
    if (!ok) {
      problems.add(what);
    }
  }

  private static INDArray require(Map<String, INDArray> arrays, String name) {
    INDArray a = arrays.get(name);
    if (a == null) {
      throw new ModelFileException("the model file has no weight '" + name + "'");
    }
    return a;
  }

  private static String activationName(Gpt2BuildOptions.Activation a) {
    return a == Gpt2BuildOptions.Activation.GELU_ERF ? "gelu" : "gelu_new";
  }
}
