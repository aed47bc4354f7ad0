package dev.circuits.core.library;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Module;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.JsonException;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a model file's {@code # info:{json}} header says (module_library's
 * {@code TransformerInfo}): the transformer's parameters, the model class (tokenizer family),
 * the positional encoding ({@code gpt}, {@code shortformer}, {@code none} or null) and whether
 * attention is causal. {@code extra} is any JSON value (as {@link Json} reads it).
 */
public record TransformerInfo(TransformerParams params, String modelClass, String posEncType,
    Boolean causalMask, Object extra) {

  private static final Set<String> POS_ENC_TYPES = Set.of("gpt", "shortformer", "none");

  /** Validates the positional encoding type. */
  public TransformerInfo {
    if (posEncType != null && !POS_ENC_TYPES.contains(posEncType)) {
      throw new ModelFileException("unknown pos_enc_type '" + posEncType + "' (expected one of "
          + POS_ENC_TYPES + " or null)");
    }
    extra = extra == null ? Json.NULL : extra;
  }

  /** Reads the JSON after {@code # info:}; missing fields take module_library's defaults. */
  public static TransformerInfo fromJson(String json) {
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (JsonException e) {
      throw new ModelFileException("model file info is not valid JSON: " + e.getMessage(), e);
    }
    Map<?, ?> root = object(parsed, "info");
    Map<?, ?> params = object(field(root, "params", Map.of()), "info.params");
    Map<?, ?> block = object(field(params, "block_params", Map.of()), "info.params.block_params");
    Object norm = field(block, "norm_type", "ln");
    TransformerBlockParams bp = new TransformerBlockParams(
        norm == Json.NULL ? null : NormType.of(string(norm, "norm_type")),
        bool(field(block, "attn_bias", false), "attn_bias"),
        bool(field(block, "attn_pos", false), "attn_pos"),
        bool(field(block, "use_mlp", true), "use_mlp"),
        string(field(block, "mlp_act_type", "gelu"), "mlp_act_type"),
        bool(field(block, "mlp_output_bias", false), "mlp_output_bias"),
        bool(field(block, "use_parallel_residual", false), "use_parallel_residual"),
        bool(field(block, "use_rope", false), "use_rope"));
    Object layers = field(params, "num_layers", 2L);
    if (!(layers instanceof Long n) || n > Integer.MAX_VALUE) {
      throw new ModelFileException("info field num_layers must be an integer, got " + layers);
    }
    TransformerParams tp = new TransformerParams(bp, n.intValue(),
        bool(field(params, "use_norm_output", true), "use_norm_output"),
        bool(field(params, "output_bias", false), "output_bias"));
    Object pos = field(root, "pos_enc_type", "gpt");
    Object causal = field(root, "causal_mask", true);
    return new TransformerInfo(tp, string(field(root, "model_class", "GPTBeginEndToks"),
        "model_class"), pos == Json.NULL ? null : string(pos, "pos_enc_type"),
        causal == Json.NULL ? null : bool(causal, "causal_mask"), field(root, "extra", Json.NULL));
  }

  /**
   * The header JSON as rust_circuit writes it (Python's {@code json.dumps} layout); the two newer
   * block flags ({@code use_parallel_residual}, {@code use_rope}) appear only when set, as in
   * REMIX's model files.
   */
  public String toJson() {
    TransformerBlockParams b = params.blockParams();
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("norm_type", b.normType() == null ? Json.NULL : b.normType().text());
    block.put("attn_bias", b.attnBias());
    block.put("attn_pos", b.attnPos());
    block.put("use_mlp", b.useMlp());
    block.put("mlp_act_type", b.mlpActType());
    block.put("mlp_output_bias", b.mlpOutputBias());
    if (b.useParallelResidual()) {
      block.put("use_parallel_residual", true);
    }
    if (b.useRope()) {
      block.put("use_rope", true);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("block_params", block);
    p.put("num_layers", (long) params.numLayers());
    p.put("use_norm_output", params.useNormOutput());
    p.put("output_bias", params.outputBias());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("params", p);
    root.put("model_class", modelClass);
    root.put("pos_enc_type", posEncType == null ? Json.NULL : posEncType);
    root.put("causal_mask", causalMask == null ? Json.NULL : causalMask);
    root.put("extra", extra);
    return PythonJson.dumps(root);
  }

  /**
   * module_library's {@code bind_to_input}: {@code model} (a circuit with free {@code t.input},
   * {@code a.mask} and, for shortformer, {@code a.pos_input}) called on token embeddings
   * {@code [..., seq, hidden]}, plus position embeddings {@code [0:seq]} for {@code gpt}
   * encoding, with a causal (or full) mask; the result is named {@code t.call}.
   */
  public Module bindToInput(Circuit model, Circuit tokEmbeds, Circuit posEmbedWeights) {
    long seq = tokEmbeds.shape().get(-2);
    Circuit posEmbeds = posEmbedWeights == null ? null : Index.of(posEmbedWeights,
        TensorIndex.of(TensorIndex.slice(0L, seq)), "t.w.pos_embeds_idxed");
    Circuit inp = tokEmbeds;
    if ("gpt".equals(posEncType)) {
      inp = Add.of(List.of(tokEmbeds, require(posEmbeds)), "t.inp_tok_pos");
    }
    Circuit mask;
    if (Boolean.TRUE.equals(causalMask)) {
      INDArray m = Nd4j.zeros(DataType.FLOAT, seq, seq);
      for (long i = 0; i < seq; i++) {
        for (long j = 0; j <= i; j++) {
          m.putScalar(i, j, 1f);
        }
      }
      mask = Array.wrap(m, "t.a.c.causal_mask");
    } else {
      mask = Scalar.of(1.0, Shape.of(seq, seq), "t.a.c.full_mask");
    }
    List<Map.Entry<String, Circuit>> pairs = new ArrayList<>();
    pairs.add(ModuleBinds.of("t.input", inp));
    pairs.add(ModuleBinds.of("a.mask", mask));
    if ("shortformer".equals(posEncType)) {
      pairs.add(ModuleBinds.of("a.pos_input", require(posEmbeds)));
    }
    return ModuleBinds.bind(model, "t.call", pairs);
  }

  /**
   * module_library's {@code bind_to_input_tokens}: embeds int64 {@code tokens} ([..., seq]) with
   * {@code gen_index(tokEmbedWeights, tokens, -2)} and calls {@link #bindToInput}.
   */
  public Module bindToInputTokens(Circuit model, Circuit tokens, Circuit tokEmbedWeights,
      Circuit posEmbedWeights) {
    Circuit embedded = GeneralFunction.genIndex(tokEmbedWeights, tokens, -2, null);
    return bindToInput(model, embedded, posEmbedWeights);
  }

  private Circuit require(Circuit posEmbeds) {
    if (posEmbeds == null) {
      throw new ModelFileException("pos_enc_type '" + posEncType
          + "' needs position embedding weights");
    }
    return posEmbeds;
  }

  private static Object field(Map<?, ?> m, String key, Object dflt) {
    Object v = m.get(key);
    return v == null ? dflt : v;
  }

  private static Map<?, ?> object(Object v, String what) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new ModelFileException("model file " + what + " must be a JSON object, got " + v);
    }
    return m;
  }

  private static boolean bool(Object v, String what) {
    if (!(v instanceof Boolean b)) {
      throw new ModelFileException("info field " + what + " must be true or false, got " + v);
    }
    return b;
  }

  private static String string(Object v, String what) {
    if (!(v instanceof String s)) {
      throw new ModelFileException("info field " + what + " must be a string, got " + v);
    }
    return s;
  }
}
