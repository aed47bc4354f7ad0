package dev.circuits.core.library;

import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.spec.GeneralFunctions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * rust_circuit's module library ({@code module_library.py}): layer norm, batch norm, attention,
 * MLPs and their norm bindings as reference circuits with symbolic sizes, built from the same
 * {@code .circ} text (same names, uuids and shapes). Example:
 * {@code ModuleLibrary.layerNorm().body()} is the circuit named {@code ln}.
 *
 * <p>Variants rust builds with {@code zero_input} (no biases, no positional input, no output bias)
 * are simplified here by dropping zero Add operands and unused module arguments; rust's full
 * {@code simp} may rewrite their insides further, so those bodies need not hash like rust's.
 */
public final class ModuleLibrary {
  /** Symbolic size of the hidden (residual) dim: {@code 0s}. */
  public static final long HIDDEN = SymbolicSizes.symbol(0);
  /** Symbolic sequence length: {@code 1s}. */
  public static final long SEQ = SymbolicSizes.symbol(1);

  static final List<UUID> M_NORM_UUIDS = uuids("fe330d51-0164-4b49-a504-81769d550bb1",
      "771e2d50-3414-459e-87ff-879f83d4a15c", "bf7ea689-c481-4ad4-89d0-0a59cd476739",
      "cf2adbd9-b04f-42af-86d7-cc5c8890607b", "f63f8838-9d69-4da2-a902-8eaf325f07a7");
  static final List<UUID> A_NORM_UUIDS = uuids("c564149d-e226-4e3d-8e47-7d6e2ceea99e",
      "2c737289-2702-404c-a22e-ad37c2652620", "33774cb3-f047-4a1e-ac0c-e6f8c93d2bb2",
      "981982a3-253b-4c0d-8789-c0bc9dcd229b", "6a622698-fd68-4d25-aeee-e8d38e68049e");
  static final List<UUID> FINAL_NORM_UUIDS = uuids("2110aef7-70d5-4f77-a929-044e40c31cbd",
      "10652dc2-e9a8-4f1e-8bad-99d46804c7b3", "6cfcb4e6-7081-4d2d-bef9-1e9db52d4444",
      "94e8bc7f-1689-429f-bfec-67d33965aef5", "0851aebd-0d39-4f65-89f9-8a8afaed631a");

  private static final Map<Object, Object> MEMO = new HashMap<>();

  static {
    GeneralFunctions.register(RotaryPosEmb.INSTANCE);
  }

  private ModuleLibrary() {}

  /** Makes sure the library's custom general functions are registered with the parser. */
  public static void registerGeneralFunctions() {
    GeneralFunctions.register(RotaryPosEmb.INSTANCE);
  }

  /** Layer norm {@code ln}: input {@code ln.input} [HIDDEN], weights {@code ln.w.scale/bias}. */
  public static LibraryModule layerNorm() {
    return LibraryModule.of(layerNormCircuits(), "ln");
  }

  /** Batch norm {@code bn} with running statistics {@code bn.mean} and {@code bn.var}. */
  public static LibraryModule batchNorm() {
    return LibraryModule.of(batchNormCircuits(), "bn");
  }

  /** {@code not_mask}: {@code 1 - not_mask.input}. */
  public static LibraryModule notMask() {
    return LibraryModule.of(notMaskCircuits(), "not_mask");
  }

  /** Log likelihood {@code ll}: {@code log_softmax(ll.input)[ll.label]} (int64 label). */
  public static LibraryModule logLikelihood() {
    return LibraryModule.of(logLikelihoodCircuits(), "ll");
  }

  /** Negative log likelihood {@code nll} (cross entropy) of {@code ll.input} at {@code ll.label}. */
  public static LibraryModule negativeLogLikelihood() {
    return LibraryModule.of(logLikelihoodCircuits(), "nll");
  }

  /**
   * Multi-head attention: {@code a.p_bias} (with biases) or {@code a}, or their rotary variants
   * {@code a_rope...}; {@code pos} keeps the {@code a.pos_input} added to queries and keys.
   */
  public static LibraryModule attention(boolean bias, boolean pos, boolean rope) {
    return memo(List.of("attention", bias, pos, rope), () -> {
      LibraryCircuits circs = rawAttentionCircuits();
      if (!bias) {
        for (String w : List.of("a.w.q_bias", "a.w.k_bias", "a.w.v_bias", "a.w.o_bias")) {
          circs = circs.zeroInput(w + "_h").zeroInput(w);
        }
      }
      if (!pos) {
        circs = circs.zeroInput("a.pos_input");
      }
      return LibraryModule.of(circs, "a" + (rope ? "_rope" : "") + (bias ? ".p_bias" : ""));
    });
  }

  /** A pointwise MLP with activation {@code function} ({@code gelu}, {@code gelu_new}, ...). */
  public static LibraryModule pointwiseMlp(String function, boolean outputBias) {
    return memo(List.of("mlp", function, outputBias), () -> mlp(
        mBase().addNew(LibraryText.pointwiseMlp(function)), outputBias));
  }

  /** A bilinear MLP (the product of the two halves of the projection). */
  public static LibraryModule bilinearMlp(boolean outputBias) {
    return memo(List.of("bilinear", outputBias), () -> mlp(
        mBase().addNew(LibraryText.BILINEAR_MLP), outputBias));
  }

  private static LibraryModule mlp(LibraryCircuits circs, boolean outputBias) {
    LibraryCircuits c = outputBias ? circs : circs.zeroInput("m.w.out_bias");
    return LibraryModule.of(c, outputBias ? "m.p_bias" : "m");
  }

  /**
   * module_library's {@code get_norm_bind}: {@code {prefix}.norm}, the norm module bound to
   * {@code {prefix}.norm.input} and the weights {@code {prefix}.{ln|bn}.w.*}.
   */
  public static LibraryModule normBind(String prefix, List<UUID> uuids, NormType normType) {
    return memo(List.of("normBind", prefix, uuids, normType), () -> {
      String p = prefix;
      String nt = normType.text();
      StringBuilder s = new StringBuilder();
      s.append("'").append(p).append(".norm' Module\n");
      s.append("  '").append(nt).append("'\n");
      s.append("  '").append(p).append(".norm.input' [1s, 0s] Symbol ").append(uuids.get(4))
          .append(" ! '").append(nt).append(".input'\n");
      if (normType == NormType.BN) {
        s.append("  '").append(p).append(".bn.mean' [0s] Symbol ").append(uuids.get(3))
            .append(" ! 'bn.mean'\n");
        s.append("  '").append(p).append(".bn.var' [0s] Symbol ").append(uuids.get(2))
            .append(" ! 'bn.var'\n");
      }
      s.append("  '").append(p).append('.').append(nt).append(".w.bias' [0s] Symbol ")
          .append(uuids.get(1)).append(" ! '").append(nt).append(".w.bias'\n");
      s.append("  '").append(p).append('.').append(nt).append(".w.scale' [0s] Symbol ")
          .append(uuids.get(0)).append(" ! '").append(nt).append(".w.scale'\n\n");
      s.append("'").append(p).append(".norm.input'\n");
      if (normType == NormType.BN) {
        s.append("'").append(p).append(".bn.mean'\n'").append(p).append(".bn.var'\n");
      }
      s.append("'").append(p).append('.').append(nt).append(".w.bias'\n");
      s.append("'").append(p).append('.').append(nt).append(".w.scale'\n");
      LibraryCircuits base = normType == NormType.LN ? layerNormCircuits() : batchNormCircuits();
      return LibraryModule.of(base.addNew(s.toString()), p + ".norm");
    });
  }

  /** module_library's {@code get_norm_call}: {@code mod} called on {@code {prefix}.norm}. */
  public static LibraryModule normCall(String prefix, LibraryCircuits circs, String mod) {
    String text = "'" + prefix + ".norm_call' Module\n  '" + mod + "'\n  '" + prefix
        + ".norm' ! '" + prefix + ".input'\n";
    return LibraryModule.of(circs.addNew(text), prefix + ".norm_call");
  }

  /** The block input symbol {@code b.input} [SEQ, HIDDEN]. */
  static Symbol blockInput() {
    return Symbol.of(Shape.of(SEQ, HIDDEN), UUID.fromString("5837c4fd-f5ac-4bff-8456-abf3e95bcf36"),
        "b.input");
  }

  static LibraryCircuits layerNormCircuits() {
    return memo("ln", () -> LibraryCircuits.empty().addNew(LibraryText.LAYERNORM));
  }

  static LibraryCircuits batchNormCircuits() {
    return memo("bn", () -> LibraryCircuits.empty().addNew(LibraryText.BATCHNORM));
  }

  static LibraryCircuits notMaskCircuits() {
    return memo("not_mask", () -> LibraryCircuits.empty().addNew(LibraryText.NOT_MASK));
  }

  static LibraryCircuits logLikelihoodCircuits() {
    return memo("ll", () -> LibraryCircuits.empty().addNew(LibraryText.LOG_LIKELIHOOD));
  }

  static LibraryCircuits rawAttentionCircuits() {
    return memo("raw_attention", () -> notMaskCircuits().addNew(LibraryText.RAW_ATTENTION));
  }

  private static LibraryCircuits mBase() {
    return LibraryCircuits.empty().with("m.input", Symbol.of(Shape.of(HIDDEN),
        UUID.fromString("13ec4cdc-5f25-4969-870b-0bfa2300187b"), "m.input"));
  }

  @SuppressWarnings("unchecked")
  static <T> T memo(Object key, Supplier<T> compute) {
    synchronized (MEMO) {
      Object v = MEMO.get(key);
      if (v != null) {
        return (T) v;
      }
    }
    T v = compute.get();
    synchronized (MEMO) {
      Object prev = MEMO.putIfAbsent(key, v);
      return prev == null ? v : (T) prev;
    }
  }

  private static List<UUID> uuids(String... s) {
    List<UUID> out = new ArrayList<>();
    for (String u : s) {
      out.add(UUID.fromString(u));
    }
    return List.copyOf(out);
  }
}
