package dev.circuits.ioi.claims;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.LogitDiffStats;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything the claims share in one run: the model, REMIX's datasets at size N, one evaluator
 * (its cache spans claims), memoised sweeps, and the heads discovered so far, so that running all
 * claims computes each sweep once. Not thread-safe.
 */
public final class ClaimContext {
  /** Patch dataset names accepted by {@link #patch}. */
  public static final List<String> PATCHES = PatchDataset.cliNames();
  /** A head counts as found when its effect is at least this fraction of the reference ld... */
  static final double MIN_OF_REFERENCE = 0.05;
  /** ...and at least this fraction of the strongest head's effect in the same sweep. */
  static final double MIN_OF_STRONGEST = 0.2;
  /** Below this mean logit difference the model is reported as barely doing IOI. */
  public static final double MIN_IOI_LOGIT_DIFF = 1.0;
  /** Below this share of prompts preferring IO the model is reported as barely doing IOI. */
  public static final double MIN_IOI_ACCURACY = 0.75;
  /** At most this many heads per discovered class. */
  static final int MAX_HEADS = 6;

  private final Gpt2Weights weights;
  private final String modelName;
  private final ExpectedHeads expected;
  private final int n;
  private final Evaluator evaluator;
  private final ClaimProgress progress;
  private final Map<String, Object> memo = new HashMap<>();
  private final Map<Object, ForwardRun> runs = new HashMap<>();

  /** A context for {@code weights} (called {@code modelName} in reports) with N prompts. */
  public ClaimContext(Gpt2Weights weights, String modelName, ExpectedHeads expected, int n,
      Evaluator evaluator, ClaimProgress progress) {
    if (n < 2) {
      throw new IllegalArgumentException("--n must be at least 2 prompts, got " + n);
    }
    this.weights = Objects.requireNonNull(weights, "weights");
    this.modelName = modelName;
    this.expected = expected;
    this.n = n;
    this.evaluator = evaluator;
    this.progress = progress;
  }

  /** The model's weights. */
  public Gpt2Weights weights() {
    return weights;
  }

  /** The model's name as the user gave it. */
  public String modelName() {
    return modelName;
  }

  /** The heads the model is believed to have in each role. */
  public ExpectedHeads expected() {
    return expected;
  }

  /** N, the number of prompts per dataset. */
  public int n() {
    return n;
  }

  /** The shared evaluator. */
  public Evaluator evaluator() {
    return evaluator;
  }

  /** Where claims report progress. */
  public ClaimProgress progress() {
    return progress;
  }

  /** REMIX's Part-3 datasets (BABA, one template, seed 42) with N prompts. */
  public RemixDatasets datasets() {
    return memo("datasets", () -> RemixDatasets.build(IoiTokenizers.gpt2(), n));
  }

  /** The baseline dataset (REMIX's {@code ioi_dataset}). */
  public IoiDataset baseline() {
    return datasets().ioi();
  }

  /**
   * A patch dataset of the baseline by name: {@code flipped-io}, {@code flipped-s},
   * {@code flipped-io-s}, {@code order} (REMIX's), or {@code abc} (S1 replaced by a third name).
   */
  public IoiDataset patch(String name) {
    PatchDataset p = PatchDataset.parse(name);
    return memo("patch " + p, () -> p.of(datasets()));
  }

  /** The split logit-difference circuit of the baseline (built once). */
  public IoiPatchSetup setup() {
    return memo("setup", () -> IoiPatchSetup.of(weights, baseline()));
  }

  /** The model's logit difference on the baseline. */
  public LogitDiffStats reference() {
    return memo("reference", () -> new LogitDiffStats(setup().baseRun().logitDiff(
        setup().labels(), setup().position("END")).castTo(DataType.DOUBLE).toDoubleVector()));
  }

  /**
   * A warning when the model barely does IOI on the baseline (mean ld below
   * {@link #MIN_IOI_LOGIT_DIFF} or IO preferred on fewer than {@link #MIN_IOI_ACCURACY} of the
   * prompts): the claims' thresholds are shares of the ld, so their verdicts mean little then.
   */
  public java.util.Optional<String> ioiWarning() {
    LogitDiffStats ref = reference();
    if (ref.mean() >= MIN_IOI_LOGIT_DIFF && ref.accuracy() >= MIN_IOI_ACCURACY) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(java.util.Locale.ROOT, "%s barely does IOI on the "
        + "baseline: mean logit difference %.3f, IO preferred on %.0f%% of the prompts (need "
        + ">= %.1f and >= %.0f%%). The verdicts below measure effects relative to that logit "
        + "difference and mean little for this model.", modelName, ref.mean(),
        100 * ref.accuracy(), MIN_IOI_LOGIT_DIFF, 100 * MIN_IOI_ACCURACY));
  }

  /** A layer-by-component sweep patched from dataset {@code patchName} (memoised). */
  public SweepMatrix sweep(String patchName, PatchSweep.Spec spec) {
    return memo("sweep " + patchName + " " + spec,
        () -> PatchSweep.run(setup(), patch(patchName), spec, evaluator));
  }

  /** The direct effect on the logits of every component at END, patched from {@code patchName}. */
  public SweepMatrix directEffect(String patchName) {
    return sweep(patchName, PatchSweep.Spec.logits());
  }

  /**
   * Name movers found from data: heads whose direct paths to the logits, patched from flipped IO,
   * lower the logit difference the most.
   */
  public List<Head> nameMovers() {
    return strongest(directEffect("flipped-io"), Heads.Sign.NEGATIVE);
  }

  /** Negative name movers found from data: the flipped-IO direct effects that raise the ld. */
  public List<Head> negativeNameMovers() {
    return strongest(directEffect("flipped-io"), Heads.Sign.POSITIVE);
  }

  /**
   * S-inhibition heads found from data: senders at END whose paths into the name movers'
   * queries, patched from the ABC dataset (S no longer repeated), lower the ld the most.
   */
  public List<Head> sInhibition() {
    List<Head> movers = nameMovers();
    if (movers.isEmpty()) {
      return List.of();
    }
    return strongest(sweep("abc", PatchSweep.Spec.into(movers, Channel.Q, "END")),
        Heads.Sign.NEGATIVE);
  }

  /**
   * The fast engine's forward run of {@code ds} through at least {@code layers} layers (the
   * baseline's own full run for the baseline; for other datasets a run over every token, cut
   * after the layers asked for), memoised for the run.
   */
  public ForwardRun run(IoiDataset ds, int layers) {
    if (ds == baseline()) {
      return setup().baseRun();
    }
    return run(ds, () -> ds.modelTokens(), ds.maxLength() - 1, layers);
  }

  /**
   * A forward run of {@code tokens} (rows 0..lastRow) through at least {@code layers} layers,
   * memoised under {@code key} for the run (a deeper run serves a shallower request).
   */
  public ForwardRun run(Object key, java.util.function.Supplier<INDArray> tokens, int lastRow,
      int layers) {
    ForwardRun r = runs.get(key);
    if (r == null || r.layers() < layers) {
      r = ForwardRun.of(setup().rowModel(), tokens.get(), lastRow, HeadOverrides.none(), layers);
      runs.put(key, r);
    }
    return r;
  }

  /**
   * Attention probabilities {@code [heads, N, query, key]} of {@code heads} on {@code ds}
   * (value-weighted by the key's value norm when {@code valueWeighted}; see
   * {@link AttentionPatterns}).
   */
  public INDArray attention(List<Head> heads, IoiDataset ds, boolean valueWeighted) {
    return run(ds, Heads.layersFor(heads)).attention(heads, valueWeighted);
  }

  /** Prompt 0's tokens with names replaced by their role ({S1}, {IO}, ...), padded to the width. */
  public static List<String> tokenLabels(IoiDataset ds) {
    List<String> tokens = new ArrayList<>(ds.textTokens().get(0));
    while (tokens.size() < ds.maxLength()) {
      tokens.add("<pad>");
    }
    return tokens;
  }

  /** The heads of {@code m} with {@code sign} passing this context's thresholds. */
  public List<Head> strongest(SweepMatrix m, Heads.Sign sign) {
    return Heads.select(m, sign, MIN_OF_REFERENCE * Math.abs(m.reference()), MIN_OF_STRONGEST,
        MAX_HEADS);
  }

  /** Memoises {@code compute} under {@code key} for the rest of the run. */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, java.util.function.Supplier<T> compute) {
    Object v = memo.get(key);
    if (v == null) {
      v = compute.get();
      memo.put(key, v);
    }
    return (T) v;
  }
}
