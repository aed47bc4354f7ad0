package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Edge patching on a GPT-2 model's head-level graph ({@link HeadGraph}): a removed edge
 * {@code s -> r} feeds receiver {@code r} the sender's output on the corrupted prompts instead of
 * its current output, at every position; kept edges carry current outputs; everything downstream
 * is recomputed. Receiver inputs are residual sums, so an input is the clean residual plus, per
 * removed edge, {@code corrupt(s) - current(s)}; changes flow downstream only along kept edges
 * (a component whose outgoing edges are all removed cannot move the metric and is not
 * recomputed). The state (removed edges, current outputs and inputs) changes with
 * {@link #remove}; {@link #tryRemoving} evaluates many candidate removals into one receiver as one
 * batch without changing it. Example:
 * {@code EdgePatching.of(rows, clean, corrupt, 15, metric).tryRemoving(r, List.of(), senders)}.
 */
public final class EdgePatching implements AutoCloseable {
  /** Rows (variants x prompts x positions) per batch. */
  static final long BATCH_ROWS = 4096;

  private final RowModel m;
  private final HeadGraph graph;
  private final EdgeMetric metric;
  private final int prompts;
  private final int rows;
  private final int readRow;
  private final ForwardRun cleanRun;
  private final ForwardRun corruptRun;
  private final INDArray[] clean;
  private final INDArray[] corrupt;
  private final boolean[] differs;
  private final INDArray[] out;
  private final Map<Integer, INDArray> inputs = new HashMap<>();
  private final Map<Integer, INDArray> projections = new HashMap<>();
  private final boolean[][] removed;
  private double current;
  private long evaluations;
  /** The receiver, senders and sum of {@link #removedSum}'s last call (lists grow in ACDC). */
  private int pendingKey = -1;
  private List<GraphNode> pendingSenders = List.of();
  private INDArray pendingSum;

  private EdgePatching(RowModel m, ForwardRun cleanRun, ForwardRun corruptRun, int readRow,
      EdgeMetric metric) {
    this.m = m;
    this.graph = new HeadGraph(m.layers(), m.heads());
    this.metric = metric;
    this.cleanRun = cleanRun;
    this.corruptRun = corruptRun;
    this.prompts = cleanRun.prompts();
    this.rows = cleanRun.rows();
    this.readRow = readRow;
    int n = graph.components();
    this.clean = outputs(cleanRun);
    this.corrupt = outputs(corruptRun);
    this.differs = new boolean[n];
    for (int i = 0; i < n; i++) {
      INDArray d = clean[i].sub(corrupt[i]);
      differs[i] = d.amaxNumber().doubleValue() != 0;
      RowOps.free(d);
    }
    this.out = clean.clone();
    this.removed = new boolean[3 * n + 1][];
    for (int c = 0; c < n; c++) {
      GraphNode node = graph.node(c);
      for (int k = 0; k < graph.inputs(node).size(); k++) {
        removed[key(c, k)] = new boolean[graph.senderCount(node)];
      }
    }
    removed[logitsKey()] = new boolean[n];
    INDArray fin = finalRows(stateInput(logitsKey()));
    this.current = metric.values(m, fin)[0];
    RowOps.free(fin);
  }

  /**
   * Edge patching of {@code model} between {@code cleanTokens} and {@code corruptTokens} (both
   * [N, T] int ids, aligned), the metric read at {@code readRow} (rows after it are not computed).
   */
  public static EdgePatching of(RowModel model, INDArray cleanTokens, INDArray corruptTokens,
      int readRow, EdgeMetric metric) {
    if (!java.util.Arrays.equals(cleanTokens.shape(), corruptTokens.shape())) {
      throw new CircuitException("clean and corrupted tokens must have one shape, got "
          + java.util.Arrays.toString(cleanTokens.shape()) + " and "
          + java.util.Arrays.toString(corruptTokens.shape()));
    }
    ForwardRun c = ForwardRun.of(model, cleanTokens, readRow, HeadOverrides.none());
    ForwardRun k = ForwardRun.of(model, corruptTokens, readRow, HeadOverrides.none());
    return new EdgePatching(model, c, k, readRow, metric);
  }

  /** The clean run's log-probabilities at {@code readRow} [N, vocab] (for {@link EdgeMetric.Kl}). */
  public static INDArray cleanLogProbs(RowModel model, INDArray cleanTokens, int readRow) {
    try (ForwardRun c = ForwardRun.of(model, cleanTokens, readRow, HeadOverrides.none())) {
      INDArray fin = c.residIn(model.layers(), readRow, 1).reshape('c', c.prompts(),
          model.dModel());
      return EdgeMetric.Kl.cleanLogProbs(model, fin);
    }
  }

  /** The graph whose edges this patches. */
  public HeadGraph graph() {
    return graph;
  }

  /** The metric with the current edges removed. */
  public double metric() {
    return current;
  }

  /** The metric with no edge removed. */
  public double cleanMetric() {
    INDArray all = cleanRun.residIn(m.layers(), 0, rows);
    INDArray fin = finalRows(all);
    double v = metric.values(m, fin)[0];
    RowOps.free(all, fin);
    return v;
  }

  /** Variants evaluated per batch (so callers can size their batches to it). */
  public int batchSize() {
    return (int) Math.max(1, BATCH_ROWS / ((long) prompts * rows));
  }

  /** How many patched variants have been evaluated so far. */
  public long evaluations() {
    return evaluations;
  }

  /** Whether {@code sender}'s output differs between the clean and the corrupted prompts. */
  public boolean differs(GraphNode sender) {
    return differs[graph.index(sender)];
  }

  /** Whether edge {@code sender -> receiver} is removed. */
  public boolean isRemoved(GraphNode sender, GraphReceiver receiver) {
    return removed[key(receiver)][senderIndex(sender, receiver)];
  }

  /**
   * Whether {@code node} can still move the metric: the logits, or a component with a kept edge
   * into an input of such a node.
   */
  public boolean alive(GraphNode node) {
    return node.kind() == GraphNode.Kind.LOGITS || aliveNow()[graph.index(node)];
  }

  /** Every edge not removed into a live receiver, in receiver order (output first). */
  public List<GraphEdge> keptEdges() {
    boolean[] alive = aliveNow();
    List<GraphEdge> outEdges = new ArrayList<>();
    for (GraphReceiver r : graph.receiversBackwards()) {
      if (r.node().kind() != GraphNode.Kind.LOGITS && !alive[graph.index(r.node())]) {
        continue;
      }
      boolean[] rem = removed[key(r)];
      for (int s = rem.length - 1; s >= 0; s--) {
        if (!rem[s] && alive[s]) {
          outEdges.add(new GraphEdge(graph.node(s), r.node(), r.input()));
        }
      }
    }
    return outEdges;
  }

  /**
   * The metric after removing, into {@code receiver}, the edges from {@code removedFirst} and from
   * {@code candidates[0..j]} (cumulatively), for every j: [candidates.size()]. The state does not
   * change. Every sender must feed the receiver through a kept edge.
   */
  public double[] tryRemoving(GraphReceiver receiver, List<GraphNode> removedFirst,
      List<GraphNode> candidates) {
    int rk = key(receiver);
    int rc = receiver.node().kind() == GraphNode.Kind.LOGITS ? -1 : graph.index(receiver.node());
    INDArray base = removedSum(rk, receiver, removedFirst);
    double[] values = new double[candidates.size()];
    int chunk = batchSize();
    for (int from = 0; from < candidates.size(); from += chunk) {
      int to = Math.min(candidates.size(), from + chunk);
      INDArray extra = Nd4j.create(DataType.FLOAT, to - from, prompts, rows, m.dModel());
      for (int j = from; j < to; j++) {
        INDArray d = delta(receiver, candidates.get(j));
        base.addi(d);
        RowOps.free(d);
        extra.get(NDArrayIndex.point(j - from)).assign(base);
      }
      Evaluation e = evaluate(rc, rk, extra, false);
      System.arraycopy(e.values(), 0, values, from, to - from);
      RowOps.free(extra);
    }
    RowOps.free(base);
    return values;
  }

  /** Removes the edges from {@code senders} into {@code receiver}, recomputing what they change. */
  public void remove(GraphReceiver receiver, List<GraphNode> senders) {
    if (senders.isEmpty()) {
      return;
    }
    forgetPending();
    int rk = key(receiver);
    int rc = receiver.node().kind() == GraphNode.Kind.LOGITS ? -1 : graph.index(receiver.node());
    INDArray extra = sumOfDeltas(receiver, senders);
    Evaluation e = evaluate(rc, rk, extra.reshape('c', 1, prompts, rows, m.dModel()), true);
    RowOps.free(extra);
    for (Map.Entry<Integer, INDArray> in : e.inputs().entrySet()) {
      int key = in.getKey();
      INDArray v = in.getValue();
      if (v.size(2) == rows) {
        replace(inputs, key, v.reshape('c', prompts, rows, m.dModel()));
      } else { // read at the read row only, now and later: the other rows are never read again
        INDArray mine = stateInput(key);
        mine.get(NDArrayIndex.all(), NDArrayIndex.point(readRow), NDArrayIndex.all())
            .assign(v.reshape('c', prompts, m.dModel()));
        RowOps.free(v);
      }
      RowOps.free(projections.remove(key));
    }
    for (Map.Entry<Integer, INDArray> o : e.changed().entrySet()) {
      int c = o.getKey();
      INDArray v = o.getValue();
      if (v.size(2) == rows) {
        if (out[c] != clean[c]) {
          RowOps.free(out[c]);
        }
        out[c] = v.reshape('c', prompts, rows, m.dModel());
      } else {
        if (out[c] == clean[c]) {
          out[c] = clean[c].dup('c');
        }
        out[c].get(NDArrayIndex.all(), NDArrayIndex.point(readRow), NDArrayIndex.all())
            .assign(v.reshape('c', prompts, m.dModel()));
        RowOps.free(v);
      }
    }
    for (GraphNode s : senders) {
      removed[rk][senderIndex(s, receiver)] = true;
    }
    current = e.values()[0];
  }

  /** Removes every edge into {@code receiver} without evaluating anything (a dead receiver). */
  public void removeAll(GraphReceiver receiver) {
    int rk = key(receiver);
    if (receiver.node().kind() != GraphNode.Kind.LOGITS && alive(receiver.node())) {
      List<GraphNode> senders = new ArrayList<>();
      for (int s = 0; s < removed[rk].length; s++) {
        if (!removed[rk][s]) {
          senders.add(graph.node(s));
        }
      }
      remove(receiver, senders);
      return;
    }
    forgetPending();
    java.util.Arrays.fill(removed[rk], true);
  }

  @Override
  public void close() {
    forgetPending();
    for (int c = 0; c < out.length; c++) {
      if (out[c] != clean[c]) {
        RowOps.free(out[c]);
      }
    }
    RowOps.free(clean);
    RowOps.free(corrupt);
    inputs.values().forEach(RowOps::free);
    projections.values().forEach(RowOps::free);
    cleanRun.close();
    corruptRun.close();
  }

  /** What one batch of variants computed. */
  private record Evaluation(double[] values, Map<Integer, INDArray> changed,
      Map<Integer, INDArray> inputs) {}

  /**
   * Variants [V, N, rows, d] of extra input for receiver {@code rk} (component {@code rc}, -1 for
   * the logits), everything downstream recomputed along kept edges, each component only at the
   * rows its readers read (every row, or the read row only: see {@link #allRows}). With
   * {@code keep}, the changed outputs and inputs are returned (and not freed).
   */
  private Evaluation evaluate(int rc, int rk, INDArray extra, boolean keep) {
    long variants = extra.size(0);
    evaluations += variants;
    boolean[] alive = aliveNow();
    boolean[] all = allRows(alive);
    Map<Integer, INDArray> changed = new HashMap<>();
    Map<Integer, INDArray> newInputs = new HashMap<>();
    if (rc >= 0) {
      for (int c = rc; c < graph.components(); c++) {
        if (c != rc && !alive[c]) {
          continue;
        }
        GraphNode node = graph.node(c);
        boolean head = node.kind() == GraphNode.Kind.HEAD;
        int channels = graph.inputs(node).size();
        INDArray[] in = new INDArray[channels];
        boolean any = false;
        for (int k = 0; k < channels; k++) {
          int key = key(c, k);
          boolean full = all[c] || (head && k > 0);
          in[k] = changedInput(key, changed, key == rk ? extra : null, variants, full);
          any |= in[k] != null;
        }
        if (!any) {
          continue;
        }
        INDArray o = head ? headOutput(c, node, in, variants, all[c])
            : Layers.mlp(m, node.layer(), in[0]);
        changed.put(c, o);
        for (int k = 0; k < channels; k++) {
          if (in[k] != null) {
            if (keep) {
              newInputs.put(key(c, k), in[k]);
            } else {
              RowOps.free(in[k]);
            }
          }
        }
      }
    }
    INDArray fin = changedInput(logitsKey(), changed, rc < 0 ? extra : null, variants, false);
    double[] values;
    if (fin == null) {
      INDArray one = finalRows(stateInput(logitsKey()));
      double v = metric.values(m, one)[0];
      RowOps.free(one);
      values = new double[(int) variants];
      java.util.Arrays.fill(values, v);
    } else {
      values = metric.values(m, fin.reshape('c', variants, prompts, m.dModel()));
      if (keep) {
        newInputs.put(logitsKey(), fin);
      } else {
        RowOps.free(fin);
      }
    }
    if (!keep) {
      changed.values().forEach(RowOps::free);
    }
    return new Evaluation(values, changed, newInputs);
  }

  /**
   * Which live components are read at every row (true) rather than at the read row only: a key
   * or value input reads every row, a query input the rows its head is read at, an MLP's input
   * the rows the MLP is read at, the logits the read row. Removing edges only ever turns true into
   * false.
   */
  private boolean[] allRows(boolean[] alive) {
    int n = graph.components();
    boolean[] all = new boolean[n];
    for (int c = n - 1; c >= 0; c--) {
      if (!alive[c]) {
        continue;
      }
      boolean a = false;
      for (int later = c + 1; later < n && !a; later++) {
        if (!alive[later]) {
          continue;
        }
        GraphNode node = graph.node(later);
        boolean head = node.kind() == GraphNode.Kind.HEAD;
        for (int k = 0; k < graph.inputs(node).size() && !a; k++) {
          boolean[] rem = removed[key(later, k)];
          if (c < rem.length && !rem[c]) {
            a = (head && k > 0) || all[later];
          }
        }
      }
      all[c] = a;
    }
    return all;
  }

  /**
   * The input of receiver {@code key} for each variant ([V, N, rows, d], or [V, N, 1, d] at the
   * read row when not {@code full}): the current input plus {@code extra} plus, for each kept
   * sender whose output changed, new minus current output; null when nothing changes.
   */
  private INDArray changedInput(int key, Map<Integer, INDArray> changed, INDArray extra,
      long variants, boolean full) {
    boolean[] rem = removed[key];
    List<Integer> hits = new ArrayList<>();
    for (int s : changed.keySet()) {
      if (s < rem.length && !rem[s]) {
        hits.add(s);
      }
    }
    if (hits.isEmpty() && extra == null) {
      return null;
    }
    INDArray state = stateInput(key);
    INDArray base = full ? state : atReadRow(state);
    INDArray x = Layers.repeat(base, variants);
    if (base != state) {
      RowOps.free(base);
    }
    if (extra != null) {
      addRows(x, extra, full);
    }
    long perVariant = x.length() / variants;
    INDArray flat = x.reshape('c', variants, perVariant);
    for (int s : hits) {
      addRows(x, changed.get(s), full);
      INDArray o = full ? out[s] : atReadRow(out[s]);
      flat.subiRowVector(RowOps.flat(o));
      if (o != out[s]) {
        RowOps.free(o);
      }
    }
    return x;
  }

  /** Adds {@code v} ([V, N, rows or 1, d]) into {@code x} at its rows (all, or the read row). */
  private void addRows(INDArray x, INDArray v, boolean full) {
    if (full || v.size(2) == 1) {
      if (full && v.size(2) != rows) {
        throw new IllegalStateException("a component read at every row changed at one row");
      }
      x.addi(v);
    } else {
      x.addi(v.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(readRow,
          readRow + 1), NDArrayIndex.all()));
    }
  }

  /** Rows [N, rows, d] at the read row: [N, 1, d] (a copy). */
  private INDArray atReadRow(INDArray x) {
    return x.get(NDArrayIndex.all(), NDArrayIndex.interval(readRow, readRow + 1),
        NDArrayIndex.all()).dup('c');
  }

  /**
   * Head {@code node}'s output from its inputs (null: the current one): [V, N, rows, d], or at
   * the read row only ([V, N, 1, d]) unless {@code full} (its keys and values are then still
   * every row's).
   */
  private INDArray headOutput(int c, GraphNode node, INDArray[] in, long variants, boolean full) {
    int l = node.layer();
    int h = node.head();
    int dh = m.dHead();
    long b = variants * prompts;
    INDArray[] p = new INDArray[3];
    for (int k = 0; k < 3; k++) {
      if (in[k] != null) {
        p[k] = project(l, k, h, in[k].reshape('c', in[k].length() / m.dModel(), m.dModel()));
      } else {
        INDArray state = stateProjection(c, k);
        if (k == 0 && !full) {
          state = state.reshape('c', prompts, rows, dh).get(NDArrayIndex.all(),
              NDArrayIndex.point(readRow), NDArrayIndex.all()).dup('c');
        }
        p[k] = Nd4j.zeros(DataType.FLOAT, variants, state.length());
        p[k].addiRowVector(RowOps.flat(state));
        if (k == 0 && !full) {
          RowOps.free(state);
        }
      }
    }
    INDArray comb;
    int outRows = full ? rows : 1;
    if (full) {
      Layers.Qkv x = new Layers.Qkv(p[0].reshape('c', b, 1, 1, rows, dh),
          p[1].reshape('c', b, 1, 1, rows, dh), p[2].reshape('c', b, 1, 1, rows, dh), null);
      comb = Layers.attend(x, null, null);
    } else { // the read row is the last row: it sees every key, nothing is masked
      INDArray scores = RowOps.bmm(p[0].reshape('c', b, 1, dh), p[1].reshape('c', b, rows, dh),
          true);
      INDArray probs = RowOps.softmax(scores);
      comb = RowOps.bmm(probs, p[2].reshape('c', b, rows, dh), false);
      RowOps.free(scores, probs);
    }
    RowOps.free(p);
    INDArray o = RowOps.mm(comb.reshape('c', b * outRows, dh), m.headOutputMap(l, h), false);
    RowOps.free(comb);
    return o.reshape('c', variants, prompts, outRows, m.dModel());
  }

  /** Head {@code h}'s q (scaled), k or v ({@code part} 0/1/2) of residual rows [R, d]: [R, dh]. */
  private INDArray project(int l, int part, int h, INDArray resid2d) {
    INDArray x = Layers.attnNorm(m, l, resid2d);
    INDArray y = RowOps.mm(x, m.headProjection(l, part, h), true)
        .addiRowVector(m.headBias(l, part, h));
    RowOps.free(x);
    return part == 0 ? y.muli(1.0 / Math.sqrt(m.dHead())) : y;
  }

  /** The current projection of head component {@code c}'s input {@code k}: [N * rows, dh]. */
  private INDArray stateProjection(int c, int k) {
    int key = key(c, k);
    INDArray p = projections.get(key);
    if (p == null) {
      GraphNode node = graph.node(c);
      p = project(node.layer(), k, node.head(),
          stateInput(key).reshape('c', (long) prompts * rows, m.dModel()));
      projections.put(key, p);
    }
    return p;
  }

  /** The current input of receiver {@code key}: [N, rows, d] (the clean residual until changed). */
  private INDArray stateInput(int key) {
    INDArray x = inputs.get(key);
    if (x != null) {
      return x;
    }
    if (key == logitsKey()) {
      x = cleanRun.residIn(m.layers(), 0, rows);
    } else {
      GraphNode node = graph.node(key / 3);
      LayerState s = cleanRun.layerState(node.layer());
      x = (node.kind() == GraphNode.Kind.MLP ? s.residMlp() : s.residAttn()).dup('c');
    }
    inputs.put(key, x);
    return x;
  }

  /**
   * {@link #sumOfDeltas} of {@code senders} (a copy the caller owns), from the last call's sum when
   * it was for the same receiver and a prefix of {@code senders} (as ACDC's growing lists are).
   */
  private INDArray removedSum(int rk, GraphReceiver receiver, List<GraphNode> senders) {
    boolean extends_ = pendingKey == rk && pendingSum != null
        && senders.size() >= pendingSenders.size()
        && senders.subList(0, pendingSenders.size()).equals(pendingSenders);
    if (!extends_) {
      RowOps.free(pendingSum);
      pendingSum = sumOfDeltas(receiver, senders);
    } else {
      for (GraphNode s : senders.subList(pendingSenders.size(), senders.size())) {
        INDArray d = delta(receiver, s);
        pendingSum.addi(d);
        RowOps.free(d);
      }
    }
    pendingKey = rk;
    pendingSenders = List.copyOf(senders);
    return pendingSum.dup('c');
  }

  /** Forgets {@link #removedSum}'s cache (the state changed). */
  private void forgetPending() {
    RowOps.free(pendingSum);
    pendingSum = null;
    pendingKey = -1;
    pendingSenders = List.of();
  }

  /** Sum over {@code senders} of corrupt minus current output: [N, rows, d]. */
  private INDArray sumOfDeltas(GraphReceiver receiver, List<GraphNode> senders) {
    INDArray sum = Nd4j.zeros(DataType.FLOAT, prompts, rows, m.dModel());
    for (GraphNode s : senders) {
      INDArray d = delta(receiver, s);
      sum.addi(d);
      RowOps.free(d);
    }
    return sum;
  }

  /** Corrupt minus current output of {@code sender}, checked to feed {@code receiver} (kept). */
  private INDArray delta(GraphReceiver receiver, GraphNode sender) {
    int s = senderIndex(sender, receiver);
    if (removed[key(receiver)][s]) {
      throw new CircuitException("edge " + sender.name() + " -> " + receiver + " is already removed");
    }
    return corrupt[s].sub(out[s]);
  }

  private int senderIndex(GraphNode sender, GraphReceiver receiver) {
    int s = graph.index(sender);
    if (s >= graph.senderCount(receiver.node())) {
      throw new CircuitException(sender.name() + " does not feed " + receiver
          + " (only earlier components do)");
    }
    return s;
  }

  /** Which components have a kept edge into a live receiver (the logits are live). */
  private boolean[] aliveNow() {
    int n = graph.components();
    boolean[] alive = new boolean[n];
    boolean[] logits = removed[logitsKey()];
    for (int c = n - 1; c >= 0; c--) {
      boolean a = !logits[c];
      for (int later = c + 1; later < n && !a; later++) {
        if (!alive[later]) {
          continue;
        }
        GraphNode node = graph.node(later);
        for (int k = 0; k < graph.inputs(node).size() && !a; k++) {
          boolean[] rem = removed[key(later, k)];
          a = c < rem.length && !rem[c];
        }
      }
      alive[c] = a;
    }
    return alive;
  }

  /** Final residual rows at the read row, as one variant: [1, N, d]. */
  private INDArray finalRows(INDArray fin) {
    return fin.get(NDArrayIndex.all(), NDArrayIndex.point(readRow), NDArrayIndex.all()).dup('c')
        .reshape('c', 1, prompts, m.dModel());
  }

  /** Every component's output [N, rows, d] in topological order. */
  private INDArray[] outputs(ForwardRun run) {
    INDArray[] o = new INDArray[graph.components()];
    o[0] = run.residIn(0, 0, rows);
    for (int l = 0; l < m.layers(); l++) {
      for (int h = 0; h < m.heads(); h++) {
        o[graph.index(GraphNode.head(l, h))] = run.headOutput(l, h);
      }
      o[graph.index(GraphNode.mlp(l))] = run.layerState(l).mlpOut().dup('c');
    }
    return o;
  }

  private int key(GraphReceiver r) {
    if (r.node().kind() == GraphNode.Kind.LOGITS) {
      return logitsKey();
    }
    List<EdgeInput> ins = graph.inputs(r.node());
    int k = ins.indexOf(r.input());
    if (k < 0) {
      throw new CircuitException(r.node().name() + " has no " + r.input().key() + " input");
    }
    return key(graph.index(r.node()), k);
  }

  private static int key(int component, int input) {
    return component * 3 + input;
  }

  private int logitsKey() {
    return graph.components() * 3;
  }

  private static void replace(Map<Integer, INDArray> map, int key, INDArray value) {
    INDArray old = map.put(key, value);
    if (old != null && old != value) {
      RowOps.free(old);
    }
  }
}
