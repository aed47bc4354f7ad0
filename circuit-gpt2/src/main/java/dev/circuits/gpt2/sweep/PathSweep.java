package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A path-patching sweep computed from two cached forward passes: the same numbers as the generic
 * engine's sweep over a position-split GPT-2 circuit ({@code IterativePathPatching} with receivers
 * matched wherever they occur and direct-path extenders), at the cost of the two forward passes
 * plus, per sender, only what its path changes. A sender's path changes its receivers' channel
 * input at the sender's row by {@code patch - baseline} of the sender's output; each receiver's
 * output row is recomputed from that, and everything downstream of the receivers is recomputed
 * for the rows that can change ({@code receiverRow..readRow}), all senders at once as a batch.
 * Example: {@code PathSweep.run(base, patch, SweepSpec.logits(15, 15), ioS).values()}.
 */
public final class PathSweep {
  /**
   * Rows (variants x prompts x rows) evaluated per batch: keeps every buffer of a step under
   * glibc's largest mmap threshold (32 MB), above which each allocation gets fresh pages.
   */
  static final long BATCH_ROWS = 2048;

  private static final Logger LOG = LoggerFactory.getLogger(PathSweep.class);

  private PathSweep() {}

  /**
   * A sweep's outcome: {@code values} [senders, N] is the logit difference per sender (in
   * {@link NodeSpec#sweep} order) and prompt; {@code baseline} [N] the unpatched one;
   * {@code unreached} the senders with no direct path to any receiver (their rows are the
   * baseline).
   */
  public record Result(INDArray values, INDArray baseline, List<Integer> unreached,
      double seconds) {}

  /** Runs {@code spec} on the baseline run {@code base} and the patch run {@code patch}. */
  public static Result run(ForwardRun base, ForwardRun patch, SweepSpec spec, INDArray labels) {
    long start = System.nanoTime();
    check(base, patch, spec);
    RowModel m = base.model();
    List<NodeSpec> senders = NodeSpec.sweep(m.layers(), m.heads(), spec.senderRow());
    INDArray baseLd = base.logitDiff(labels, spec.readRow());
    INDArray values = Nd4j.zeros(baseLd.dataType(), senders.size(), base.prompts())
        .addiRowVector(baseLd);
    List<Head> receivers = spec.receivers().stream()
        .filter(h -> !base.overrides().frozen(h.layer(), h.head(), spec.receiverRow())).toList();
    List<Integer> reached = new ArrayList<>();
    List<Integer> unreached = new ArrayList<>();
    int deepest = receivers.stream().mapToInt(Head::layer).max().orElse(-1);
    for (int i = 0; i < senders.size(); i++) {
      if (spec.intoLogits() || senders.get(i).layer() < deepest) {
        reached.add(i);
      } else {
        unreached.add(i);
      }
    }
    if (!reached.isEmpty() && changesAnything(spec, base.rows())) {
      INDArray baseOut = base.componentOutputs(spec.senderRow());
      INDArray deltas = patch.componentOutputs(spec.senderRow()).subi(baseOut);
      RowOps.free(baseOut);
      if (spec.intoLogits()) {
        INDArray last = base.finalResid().get(NDArrayIndex.all(),
            NDArrayIndex.point(spec.readRow()), NDArrayIndex.all()).dup('c');
        INDArray finalRows = deltas.reshape('c', senders.size(), last.length())
            .addiRowVector(RowOps.flat(last)).reshape('c', deltas.shape());
        values = Readout.logitDiff(m, finalRows, labels);
      } else {
        runDownstream(base, spec, receivers, senders, reached, deltas, labels, values);
      }
      RowOps.free(deltas);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.debug("sweep of {} senders x {} prompts in {} s", senders.size(), base.prompts(),
        String.format("%.2f", seconds));
    return new Result(values, baseLd, List.copyOf(unreached), seconds);
  }

  /**
   * Recomputes the receivers and everything after them for the {@code reached} senders, in
   * batches of senders whose first receiver after their own layer is the same, and writes their
   * logit differences into {@code values}.
   */
  private static void runDownstream(ForwardRun base, SweepSpec spec, List<Head> receivers,
      List<NodeSpec> senders, List<Integer> reached, INDArray deltas, INDArray labels,
      INDArray values) {
    RowModel m = base.model();
    Map<Integer, List<Integer>> byStart = new TreeMap<>();
    for (int i : reached) {
      int layer = senders.get(i).layer();
      int start = receivers.stream().mapToInt(Head::layer).filter(l -> l > layer).min()
          .orElseThrow();
      byStart.computeIfAbsent(start, k -> new ArrayList<>()).add(i);
    }
    long perVariant = (long) base.prompts() * (spec.readRow() - spec.receiverRow() + 1);
    int chunk = (int) Math.max(1, BATCH_ROWS / perVariant);
    INDArray flatDeltas = deltas.reshape('c', senders.size(), (long) base.prompts() * m.dModel());
    for (Map.Entry<Integer, List<Integer>> group : byStart.entrySet()) {
      int start = group.getKey();
      List<Head> later = receivers.stream().filter(h -> h.layer() >= start).toList();
      List<Integer> all = group.getValue();
      for (int from = 0; from < all.size(); from += chunk) {
        List<Integer> part = all.subList(from, Math.min(all.size(), from + chunk));
        INDArray partDeltas = Nd4j.pullRows(flatDeltas, 1,
            part.stream().mapToInt(i -> i).toArray())
            .reshape('c', part.size(), base.prompts(), m.dModel());
        INDArray ld = new Downstream(base, spec, later, part.stream().map(senders::get).toList(),
            partDeltas, start).logitDiff(labels);
        for (int j = 0; j < part.size(); j++) {
          values.getRow(part.get(j)).assign(ld.getRow(j));
        }
        RowOps.free(partDeltas, ld);
      }
    }
  }

  /**
   * Whether any sender's path can change the metric: a query reads only its own row, a key or
   * value row only counts for queries at or after it, and rows after {@code readRow} are never read.
   */
  static boolean changesAnything(SweepSpec spec, int rows) {
    int p = spec.senderRow();
    if (spec.intoLogits()) {
      return p == spec.readRow();
    }
    int r = spec.receiverRow();
    if (r > spec.readRow() || p >= rows) {
      return false;
    }
    return switch (spec.channel()) {
      case Q -> p == r;
      case K, V, ALL -> p <= r;
    };
  }

  private static void check(ForwardRun base, ForwardRun patch, SweepSpec spec) {
    if (base.model() != patch.model()) {
      throw new CircuitException("the baseline and patch runs must come from one RowModel");
    }
    if (patch.layers() < spec.patchLayers(base.model().layers())) {
      throw new CircuitException("the patch run computed " + patch.layers() + " layers; this "
          + "sweep reads " + spec.patchLayers(base.model().layers()));
    }
    if (base.prompts() != patch.prompts() || base.rows() != patch.rows()) {
      throw new CircuitException("the patch run has " + patch.prompts() + " prompts of "
          + patch.rows() + " rows; the baseline run has " + base.prompts() + " of " + base.rows()
          + " (they must match)");
    }
    if (!base.overrides().values().keySet().equals(patch.overrides().values().keySet())) {
      throw new CircuitException("the baseline and patch runs must freeze the same heads");
    }
    if (spec.readRow() >= base.rows()) {
      throw new CircuitException("the sweep reads row " + spec.readRow() + " but the runs computed "
          + base.rows() + " rows");
    }
    RowModel m = base.model();
    for (Head h : spec.receivers()) {
      if (h.layer() < 0 || h.layer() >= m.layers() || h.head() < 0 || h.head() >= m.heads()) {
        throw new CircuitException("receiver " + h.layer() + "." + h.head() + " is not a head of "
            + "this " + m.layers() + " x " + m.heads() + " model");
      }
    }
  }
}
