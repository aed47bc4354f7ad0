package dev.circuits.ioi.experiments;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.base.Throwables;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.gpt2.sweep.RowModel;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An aligned IOI baseline ready for patching against other aligned datasets (logit(IO) - logit(S)
 * of the baseline's labels at END), in both engines: the position-split logit-difference circuit
 * for the generic path-sensitive engine ({@link #logitDiff}, {@link #pathPatched}), and cached
 * forward runs for the fast sweeps ({@link #baseRun}, {@link #patchRun}). Heads may be frozen
 * ({@link #withOverrides}: knockouts), in both alike. Build it once per baseline and reuse it.
 * Example: {@code IoiPatchSetup.of(w, ds).meanLogitDiff(matcher, ds.flip(Flip.IO), ev)}.
 */
public final class IoiPatchSetup {
  /** Patch runs kept per setup (the claims reuse a handful of patch datasets). */
  private static final int KEPT_PATCH_RUNS = 4;

  private final Gpt2Weights weights;
  private final IoiDataset baseline;
  private final Circuit group;
  private final INDArray baselineTokens;
  private final HeadOverrides overrides;
  private final Supplier<Gpt2Circuit> model;
  private final Supplier<RowModel> rows;
  private final Supplier<Circuit> logitDiff;
  private final Supplier<ForwardRun> baseRun;
  // Evicted runs are left to the garbage collector: runs derived from them share their arrays.
  private final Cache<IoiDataset, ForwardRun> patchRuns = CacheBuilder.newBuilder()
      .maximumSize(KEPT_PATCH_RUNS).build();
  private final IoiPatchSetup parent;

  private IoiPatchSetup(Gpt2Weights weights, IoiDataset baseline, Circuit group,
      HeadOverrides overrides, Supplier<Gpt2Circuit> model, Supplier<RowModel> rows,
      IoiPatchSetup parent) {
    this.weights = weights;
    this.baseline = baseline;
    this.group = group;
    this.baselineTokens = baseline.modelTokens();
    this.overrides = overrides;
    this.model = model;
    this.rows = rows;
    this.logitDiff = Suppliers.memoize(this::buildLogitDiff);
    this.parent = parent != null && extendsOverrides(parent.overrides) ? parent : null;
    this.baseRun = Suppliers.memoize(() -> this.parent != null
        ? this.parent.baseRun().withFrozen(overrides.values()) : run(baselineTokens));
  }

  /** Whether this setup freezes every head {@code other} freezes, at the same values. */
  private boolean extendsOverrides(HeadOverrides other) {
    for (Map.Entry<NodeSpec, INDArray> e : other.values().entrySet()) {
      NodeSpec s = e.getKey();
      if (overrides.value(s.layer(), s.head(), s.position()).orElse(null) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** A setup for {@code baseline} on {@code weights} (GELU as in GPT-2's config). */
  public static IoiPatchSetup of(Gpt2Weights weights, IoiDataset baseline) {
    Gpt2BuildOptions opts = Gpt2BuildOptions.split(baseline.maxLength()).withPositionSplit();
    return new IoiPatchSetup(weights, baseline,
        DiscreteVar.uniformProbsAndGroup(baseline.size()), HeadOverrides.none(),
        Suppliers.memoize(() -> Gpt2Circuit.build(weights, opts)),
        Suppliers.memoize(() -> RowModel.of(weights, opts.activation())), null);
  }

  /**
   * This setup with {@code overrides}' heads frozen (replacing any frozen before): in the circuit
   * their position nodes become their values, in the fast runs they output them. Sweeps and
   * patched runs on the result run on the knocked-out model. When {@code overrides} only adds
   * heads to this setup's, the new baseline run is derived from this one's (recomputed from the
   * first newly frozen layer and position only).
   */
  public IoiPatchSetup withOverrides(HeadOverrides overrides) {
    return new IoiPatchSetup(weights, baseline, group, overrides, model, rows, this);
  }

  /** The model's weights. */
  public Gpt2Weights weights() {
    return weights;
  }

  /** The baseline dataset. */
  public IoiDataset baseline() {
    return baseline;
  }

  /** The frozen heads of this setup. */
  public HeadOverrides overrides() {
    return overrides;
  }

  /** The position-split model circuit (built on first use). */
  public Gpt2Circuit model() {
    return model.get();
  }

  /** The row engine of the model (built on first use, shared by setups derived from this one). */
  public RowModel rowModel() {
    return rows.get();
  }

  /** The logit-difference circuit (labels bound to {@link #group}, tokens unbound), frozen heads applied. */
  public Circuit logitDiff() {
    return logitDiff.get();
  }

  /** The dataset group the circuit's inputs are sampled over. */
  public Circuit group() {
    return group;
  }

  /** The baseline's tokens as int64 [N, width]. */
  public INDArray baselineTokens() {
    return baselineTokens;
  }

  /** The aligned position of word role {@code key} (END, S2, IO, ...) in the baseline. */
  public int position(String key) {
    return baseline.alignedPosition(key);
  }

  /** {@code patch}'s tokens, checked to align with the baseline (same N and width). */
  public INDArray tokensOf(IoiDataset patch) {
    if (patch.maxLength() != baseline.maxLength() || patch.size() != baseline.size()) {
      throw new IoiException(IoiException.Kind.UNALIGNED, "patch dataset has " + patch.size()
          + " prompts of " + patch.maxLength() + " tokens; the baseline has " + baseline.size()
          + " of " + baseline.maxLength() + " (they must match)");
    }
    return patch.modelTokens();
  }

  /** The fast engine's forward run of the baseline (computed once). */
  public ForwardRun baseRun() {
    return baseRun.get();
  }

  /** The fast engine's forward run of {@code patch} with this setup's frozen heads (cached). */
  public ForwardRun patchRun(IoiDataset patch) {
    if (patch == baseline) {
      return baseRun();
    }
    try {
      return patchRuns.get(patch, () -> parent != null
          ? parent.patchRun(patch).withFrozen(overrides.values()) : run(tokensOf(patch)));
    } catch (ExecutionException | UncheckedExecutionException e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The fast engine's run of {@code tokens} ([N', width] int64) with this setup's frozen heads:
   * gathered from the baseline run when every row is one of the baseline's prompts (as resampled
   * inputs are), else computed.
   */
  public ForwardRun runOfRows(INDArray tokens) {
    Map<java.util.List<Long>, Integer> index = new HashMap<>();
    long[][] base = baselineTokens.toLongMatrix();
    for (int i = 0; i < base.length; i++) {
      index.putIfAbsent(java.util.Arrays.stream(base[i]).boxed().toList(), i);
    }
    long[][] rows = tokens.castTo(DataType.LONG).toLongMatrix();
    int[] picked = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      Integer at = index.get(java.util.Arrays.stream(rows[i]).boxed().toList());
      if (at == null) {
        return run(tokens);
      }
      picked[i] = at;
    }
    return baseRun().select(picked);
  }

  /** The fast engine's forward run of any aligned dataset's tokens with this setup's frozen heads. */
  public ForwardRun run(INDArray tokens) {
    return ForwardRun.of(rowModel(), tokens, position("END"), overrides);
  }

  /**
   * The baseline run with {@code outputs}' heads frozen at the given values ([N, d] each, on top
   * of this setup's frozen heads), everything downstream recomputed: activation patching.
   */
  public ForwardRun activationPatched(Map<NodeSpec, INDArray> outputs) {
    return baseRun().withFrozen(outputs);
  }

  /**
   * Activation patching from an aligned dataset: the heads at {@code sites} output what they
   * output on {@code patch}'s prompts; everything downstream recomputed.
   */
  public ForwardRun activationPatched(List<NodeSpec> sites, IoiDataset patch) {
    ForwardRun source = patchRun(patch);
    Map<NodeSpec, INDArray> outputs = new LinkedHashMap<>();
    for (NodeSpec s : heads(sites)) {
      outputs.put(s, source.headOutput(s.layer(), s.head(), s.position()));
    }
    return activationPatched(outputs);
  }

  /**
   * Per-prompt logit difference [N] when only the direct paths from {@code sites} (heads or MLPs
   * at their positions) to the logits carry {@code patch}'s outputs (REMIX's moving pieces with
   * {@code restrict=True}); sites off END have no direct path to the metric.
   */
  public INDArray directPatched(List<NodeSpec> sites, IoiDataset patch) {
    ForwardRun base = baseRun();
    ForwardRun source = patchRun(patch);
    int end = position("END");
    INDArray change = Nd4j.zeros(DataType.FLOAT, baseline.size(), weights.config().nEmbd());
    for (NodeSpec s : sites) {
      if (s.position() == end) {
        change.addi(output(source, s)).subi(output(base, s));
      }
    }
    return base.logitDiffPlus(labels(), end, change);
  }

  private static INDArray output(ForwardRun run, NodeSpec s) {
    return s.isMlp() ? run.mlpOutput(s.layer(), s.position())
        : run.headOutput(s.layer(), s.head(), s.position());
  }

  private static List<NodeSpec> heads(List<NodeSpec> sites) {
    for (NodeSpec s : sites) {
      if (s.isMlp()) {
        throw new IllegalArgumentException("activation patching freezes heads only, got " + s);
      }
    }
    return sites;
  }

  /** The baseline's (IO, S) labels as int64 [N, 2] ({@link IoiDataset#labels()}). */
  public INDArray labels() {
    return baseline.labels();
  }

  /**
   * Per-prompt logit difference [N] when the inputs under {@code patchedPaths} come from
   * {@code patch} and every other input from the baseline.
   */
  public INDArray perPrompt(IterativeMatcher patchedPaths, IoiDataset patch, Evaluator evaluator) {
    return pathPatched(patchedPaths, patch).logitDiff(evaluator);
  }

  /**
   * The path-patched circuit (inputs under {@code patchedPaths} from {@code patch}, the rest from
   * the baseline), unevaluated, to read the logit difference or inner nodes from.
   */
  public PatchedRun pathPatched(IterativeMatcher patchedPaths, IoiDataset patch) {
    return new PatchedRun(this, PathPatching.pathPatching(logitDiff(), baselineTokens,
        tokensOf(patch), patchedPaths, group));
  }

  /** Mean of {@link #perPrompt}. */
  public double meanLogitDiff(IterativeMatcher patchedPaths, IoiDataset patch,
      Evaluator evaluator) {
    return perPrompt(patchedPaths, patch, evaluator).meanNumber().doubleValue();
  }

  /** The unpatched mean logit difference (frozen heads applied), from the fast engine's run. */
  public double reference() {
    return baseRun().logitDiff(labels(), position("END")).meanNumber().doubleValue();
  }

  private Circuit buildLogitDiff() {
    Circuit ld = LogitDiff.bindLabels(LogitDiff.build(model(), position("END")), labels(), group);
    if (overrides.isEmpty()) {
      return ld;
    }
    Map<String, Circuit> frozen = new HashMap<>();
    overrides.values().forEach((site, v) -> frozen.put(site.toName(), DiscreteVar.of(Array.wrap(
        v.reshape('c', v.size(0), 1, v.size(1)).dup('c'), site.toName() + "_frozen"), group,
        site.toName())));
    return Matcher.namedAnyOf(frozen.keySet()).update(ld, x -> frozen.get(x.name()));
  }
}
