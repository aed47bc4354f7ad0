package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.EdgePatching;
import dev.circuits.gpt2.sweep.GraphEdge;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.gpt2.sweep.GraphReceiver;
import dev.circuits.gpt2.sweep.HeadGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACDC (Conmy et al. 2023) on a head-level graph: receivers are visited from the output
 * backwards (the logits, then per layer from the last its MLP and its heads' q, k and v); each
 * incoming edge, latest sender first, is patched from the corrupted run with every edge removed
 * so far still patched, and removed when the metric moves by less than the threshold
 * ({@link DiscoveryMetric#removable}). Exact, and batched: a receiver's remaining edges are
 * evaluated together as cumulative removals (edge j assuming edges before it removed, which is
 * what ACDC's sequence is as long as they are); after an edge is kept, the ones after it are
 * evaluated again. Receivers that can no longer reach the output have all their edges removed
 * unevaluated (their output cannot move the metric), as have edges whose sender's output is the
 * same on the corrupted prompts. Example: {@code Acdc.run(patching, options, Acdc.Progress.NONE)}.
 */
public final class Acdc {
  private static final Logger LOG = LoggerFactory.getLogger(Acdc.class);

  /** Progress callbacks (the library never prints). */
  public interface Progress {
    /** No progress reports. */
    Progress NONE = (done, total, receiver, kept) -> {};

    /** Receiver {@code done} of {@code total} was decided, keeping {@code kept} edges into it. */
    void receiver(int done, int total, GraphReceiver receiver, int kept);
  }

  private Acdc() {}

  /** Runs ACDC on {@code patching} (whose state it changes) with {@code options}. */
  public static DiscoveredCircuit run(EdgePatching patching, AcdcOptions options,
      Progress progress) {
    long start = System.nanoTime();
    HeadGraph g = patching.graph();
    DiscoveryMetric metric = options.metric();
    double tau = options.threshold();
    double clean = patching.metric();
    Map<GraphEdge, Double> effects = new HashMap<>();
    long tried = 0;
    long unchanged = 0;
    long dead = 0;
    int receiversTried = 0;
    int receiversDead = 0;
    long evaluationsBefore = patching.evaluations();
    List<GraphReceiver> receivers = g.receiversBackwards();
    int batch = patching.batchSize();
    for (int ri = 0; ri < receivers.size(); ri++) {
      GraphReceiver r = receivers.get(ri);
      int senders = g.senderCount(r.node());
      if (r.node().kind() != GraphNode.Kind.LOGITS && !patching.alive(r.node())) {
        patching.removeAll(r);
        dead += senders;
        receiversDead++;
        progress.receiver(ri + 1, receivers.size(), r, 0);
        continue;
      }
      receiversTried++;
      List<GraphNode> removed = new ArrayList<>();
      List<GraphNode> todo = new ArrayList<>();
      for (int s = senders - 1; s >= 0; s--) {
        GraphNode sender = g.node(s);
        if (patching.differs(sender)) {
          todo.add(sender);
        } else {
          removed.add(sender);
          unchanged++;
        }
      }
      tried += todo.size();
      double cur = patching.metric();
      int kept = 0;
      int i = 0;
      while (i < todo.size()) {
        List<GraphNode> part = todo.subList(i, Math.min(todo.size(), i + batch));
        double[] values = patching.tryRemoving(r, removed, part);
        int j = 0;
        for (; j < part.size(); j++) {
          if (metric.removable(cur, values[j], tau)) {
            removed.add(part.get(j));
            cur = values[j];
          } else {
            effects.put(new GraphEdge(part.get(j), r.node(), r.input()), values[j] - cur);
            kept++;
            break;
          }
        }
        i += Math.min(j + 1, part.size());
      }
      patching.remove(r, removed);
      LOG.debug("{}: kept {} of {} edges, metric {}", r, kept, senders, patching.metric());
      progress.receiver(ri + 1, receivers.size(), r, kept);
    }
    List<KeptEdge> edges = patching.keptEdges().stream()
        .map(e -> new KeptEdge(e, effects.getOrDefault(e, Double.NaN))).toList();
    double seconds = (System.nanoTime() - start) / 1e9;
    AcdcStats stats = new AcdcStats(g.edgeCount(), tried,
        patching.evaluations() - evaluationsBefore, unchanged, dead, receiversTried,
        receiversDead, edges.size(), seconds);
    LOG.info("ACDC ({} < {}): kept {} of {} edges ({} tried, {} evaluations) in {} s",
        metric.key(), tau, edges.size(), g.edgeCount(), tried, stats.evaluations(),
        String.format("%.1f", seconds));
    return new DiscoveredCircuit(g, edges, options, clean, patching.metric(), stats);
  }
}
