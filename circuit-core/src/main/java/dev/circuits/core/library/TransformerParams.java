package dev.circuits.core.library;

import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import java.util.List;
import java.util.UUID;

/**
 * A whole transformer of the module library (module_library's {@code TransformerParams}):
 * {@code numLayers} blocks {@code b{i}} called in sequence ({@code b{i}.call}) on {@code t.input},
 * an optional final norm ({@code final.call}) and the unembedding {@code t.logits} (plus
 * {@code t.logits_p_bias} with an output bias).
 */
public record TransformerParams(TransformerBlockParams blockParams, int numLayers,
    boolean useNormOutput, boolean outputBias) {

  /** The transformer's input symbol {@code t.input} [SEQ, HIDDEN]. */
  public static final Symbol INPUT = Symbol.of(Shape.of(ModuleLibrary.SEQ, ModuleLibrary.HIDDEN),
      UUID.fromString("ece2bb5d-c6d6-4b7a-93a5-32b5ac264888"), "t.input");

  /** Validates the layer count. */
  public TransformerParams {
    if (numLayers < 0) {
      throw new ModelFileException("num_layers must be >= 0, got " + numLayers);
    }
  }

  /**
   * The transformer: its circuits (every library circuit it was built from, usable as reference
   * circuits) and its body {@code t.logits} or {@code t.logits_p_bias}.
   */
  public LibraryModule get() {
    return ModuleLibrary.memo(List.of("transformer", this), this::build);
  }

  private LibraryModule build() {
    LibraryCircuits circs = LibraryCircuits.empty();
    LibraryModule[] blocks = new LibraryModule[numLayers];
    for (int i = 0; i < numLayers; i++) {
      blocks[i] = blockParams.reboundWeighty(i);
      circs = circs.plus(blocks[i].circuits());
    }
    if (circs.contains("t.input")) {
      throw new IllegalStateException("block circuits already hold 't.input'");
    }
    circs = circs.with("t.input", INPUT);
    Circuit out = INPUT;
    for (int i = 0; i < numLayers; i++) {
      out = ModuleBinds.bind(blocks[i].body(), "b" + i + ".call", ModuleBinds.of("b.input", out));
      circs = circs.with(out.name(), out);
    }
    if (blockParams.normType() != null && useNormOutput) {
      circs = circs.plus(ModuleLibrary.normBind("final", ModuleLibrary.FINAL_NORM_UUIDS,
          blockParams.normType()).circuits());
      circs = circs.addNew("'final.call' Module\n  'final.norm'\n  '" + out.name()
          + "' ! 'final.norm.input'\n");
      out = circs.get("final.call");
    }
    circs = circs.addNew("""
        't.logits' Einsum sh,vh->sv
          '%s'
          't.w.unembed' [10s, 0s] Symbol 85d5a05a-ef9e-4910-a967-3f27951f67cf
        't.logits_p_bias' Add
          't.logits'
          't.w.unembed_bias' [10s] Symbol 62d9f91a-5df2-4eb8-af75-5bdfb15eb974

        't.w.unembed'
        't.w.unembed_bias'
        """.formatted(out.name()));
    if (!outputBias) {
      circs = circs.without("t.w.unembed_bias", "t.logits_p_bias");
    }
    return LibraryModule.of(circs, "t.logits" + (outputBias ? "_p_bias" : ""));
  }
}
