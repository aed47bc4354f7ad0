package dev.circuits.core.library;

import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Symbol;
import dev.circuits.core.internal.PythonRandom;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One transformer block of the module library (module_library's {@code TransformerBlockParams}):
 * attention (optionally with biases, positional input or rotary embeddings), an optional MLP and
 * an optional norm before each. {@code normType} null means no norms.
 */
public record TransformerBlockParams(NormType normType, boolean attnBias, boolean attnPos,
    boolean useMlp, String mlpActType, boolean mlpOutputBias, boolean useParallelResidual,
    boolean useRope) {

  private static final Set<String> NON_WEIGHTY = Set.of("b.input", "a.pos_input", "a.mask");
  private static final Set<String> ACTIVATIONS = Set.of("gelu", "gelu_new", "relu", "bilinear");

  /** Validates the activation name and the parallel-residual requirements. */
  public TransformerBlockParams {
    if (!ACTIVATIONS.contains(mlpActType)) {
      throw new ModelFileException("unknown mlp_act_type '" + mlpActType + "' (expected one of "
          + ACTIVATIONS + ")");
    }
    if (useParallelResidual && (!useMlp || normType == null)) {
      throw new ModelFileException("use_parallel_residual needs use_mlp and a norm_type");
    }
  }

  /** module_library's defaults: ln, no attention bias, MLP with gelu and no output bias. */
  public static TransformerBlockParams defaults() {
    return new TransformerBlockParams(NormType.LN, false, false, true, "gelu", false, false, false);
  }

  /** The generic block {@code b}: free symbols {@code b.input}, {@code a.mask}, the weights. */
  public LibraryModule get() {
    return ModuleLibrary.memo(List.of("block", this), this::build);
  }

  private LibraryModule build() {
    LibraryCircuits circs = LibraryCircuits.empty();
    LibraryModule mlp = null;
    LibraryModule mlpWithNorm = null;
    if (useMlp) {
      mlp = mlpActType.equals("bilinear") ? ModuleLibrary.bilinearMlp(mlpOutputBias)
          : ModuleLibrary.pointwiseMlp(mlpActType, mlpOutputBias);
      circs = circs.plus(mlp.circuits());
      if (normType != null) {
        circs = circs.plus(ModuleLibrary.normBind("m", ModuleLibrary.M_NORM_UUIDS, normType)
            .circuits());
        mlpWithNorm = ModuleLibrary.normCall("m", circs, mlp.name());
        circs = mlpWithNorm.circuits();
      } else {
        mlpWithNorm = mlp;
      }
    }
    if (useParallelResidual) {
      circs = circs.plus(ModuleLibrary.normBind("p", ModuleLibrary.A_NORM_UUIDS, normType)
          .circuits());
    }
    LibraryModule attn = ModuleLibrary.attention(attnBias, attnPos, useRope);
    circs = circs.plus(attn.circuits());
    LibraryModule attnWithNorm = attn;
    if (normType != null) {
      circs = circs.plus(ModuleLibrary.normBind("a", ModuleLibrary.A_NORM_UUIDS, normType)
          .circuits());
      attnWithNorm = ModuleLibrary.normCall("a", circs, attn.name());
      circs = attnWithNorm.circuits();
    }
    circs = circs.with("b.input", ModuleLibrary.blockInput());
    String norm = normType != null ? ".norm" : "";
    circs = circs.addNew("""
        'b.resid.a' Add
          # 'b.a.set' [1s, 0s] SetSymbolicShape # not currently needed as HIDDEN == OUT_HIDDEN
          'b.a' Module
            '%s'
            'b.input' ! 'a%s.input'
          'b.input'

        'b.input'
        """.formatted(attnWithNorm.name(), norm));
    String resid = "b.resid.a";
    if (useParallelResidual) {
      circs = circs.addNew("""
          'b.add' Add
            'b.a' Module
              '%s'
              'p.input' [1s, 0s] Symbol e76c1fd7-a230-4295-9199-17dc8dad79d0 ! 'a.input'
            'b.m' Module
              '%s'
              'p.input' ! 'm.input'

          'p.input'
          """.formatted(attn.name(), mlp.name()));
      circs = ModuleLibrary.normCall("p", circs, "b.add").circuits();
      circs = circs.addNew("""
          'b.resid.p' Add
            'b.p' Module
              'p.norm_call'
              'b.input' ! 'p.norm.input'
            'b.input'
          """);
      resid = "b.resid.p";
    } else if (useMlp) {
      circs = circs.addNew("""
          'b.resid.m' Add
            # 'b.m.set' [1s, 0s] SetSymbolicShape # not currently needed as HIDDEN == OUT_HIDDEN
            'b.m' Module
              '%s'
              '%s' ! 'm%s.input'
            '%s'
          """.formatted(mlpWithNorm.name(), resid, norm, resid));
      resid = "b.resid.m";
    }
    circs = circs.with("b", circs.get(resid).rename("b"));
    return LibraryModule.of(circs, "b");
  }

  /**
   * module_library's {@code get_rebound_weighty(num)}: block {@code b{num}}, the generic block
   * with every weight symbol replaced by a fresh symbol named for layer {@code num}
   * ({@code a.w.q} becomes {@code a{num}.w.q}) whose uuid is drawn, in argument order, from
   * Python's {@code random.Random(num).getrandbits(128)}, exactly as rust_circuit does.
   */
  public LibraryModule reboundWeighty(int num) {
    return ModuleLibrary.memo(List.of("rebound", this, num), () -> {
      LibraryModule gotten = get();
      ModuleSpec spec = LibraryModule.makeSpec(gotten.body(), gotten.circuits(), NON_WEIGHTY);
      PythonRandom rd = new PythonRandom(num);
      List<Circuit> symbols = new ArrayList<>();
      for (ModuleArgSpec a : spec.argSpecs()) {
        BigInteger bits = rd.getrandbitsBig(128);
        UUID uuid = new UUID(bits.shiftRight(64).longValue(), bits.longValue());
        symbols.add(Symbol.of(a.symbol().shape(), uuid, addNumber(a.symbol().name(), num)));
      }
      String name = "b" + num;
      if (gotten.circuits().contains(name)) {
        throw new IllegalStateException("block circuits already hold '" + name + "'");
      }
      Module bound = Module.of(spec, symbols, name);
      return LibraryModule.of(gotten.circuits().with(name, bound), name);
    });
  }

  /** module_library's {@code add_number}: {@code a.w.q} with 3 is {@code a3.w.q}. */
  static String addNumber(String name, int num) {
    int dot = name.indexOf('.');
    return dot < 0 ? name + num + "." : name.substring(0, dot) + num + name.substring(dot);
  }
}
