package dev.circuits.ioi.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.gpt2.sweep.PathSweep;
import dev.circuits.gpt2.sweep.RowModel;
import dev.circuits.gpt2.sweep.SweepSpec;
import dev.circuits.scrubbing.patching.IterativePathPatching;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast sweep ({@link PathSweep}, two cached forward passes) against the generic engine
 * ({@link IterativePathPatching} on the position-split circuit, receivers matched wherever they
 * occur, direct-path extenders) on random small models: every channel, receivers in one or
 * several layers, sender rows at, before and after the receivers' row, and frozen heads.
 */
class PathSweepEquivalenceTest {
  private static final double TOL = 2e-4;
  private static final int END = SmallModel.END;

  private record Case(List<Head> receivers, Channel channel, int receiverRow, int senderRow) {
    SweepSpec spec() {
      return new SweepSpec(receivers, channel, receiverRow, senderRow, END);
    }

    @Override
    public String toString() {
      return receivers + " " + channel + " r=" + receiverRow + " p=" + senderRow;
    }
  }

  /** Every channel at four row combinations for one receiver; fewer for the larger groups. */
  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    List<Head> one = List.of(new Head(2, 1));
    for (Channel c : Channel.values()) {
      out.add(new Case(one, c, END, END));
      out.add(new Case(one, c, END, 2));
      out.add(new Case(one, c, 3, 3));
      out.add(new Case(one, c, 3, 1));
    }
    out.addAll(twoLayerGroup());
    List<Head> three = List.of(new Head(1, 2), new Head(1, 3), new Head(2, 0));
    out.add(new Case(three, Channel.ALL, 3, 3));
    out.add(new Case(three, Channel.Q, END, END));
    out.add(new Case(List.of(new Head(2, 2)), Channel.K, 3, 4));
    out.add(new Case(List.of(new Head(0, 1), new Head(2, 2)), Channel.ALL, 4, 4));
    out.add(new Case(List.of(), Channel.ALL, END, END));
    out.add(new Case(List.of(), Channel.ALL, END, 2));
    return out;
  }

  /** Receivers in two layers: the later one also sees the earlier one's change. */
  private static List<Case> twoLayerGroup() {
    List<Head> two = List.of(new Head(1, 0), new Head(2, 3));
    return List.of(new Case(two, Channel.Q, END, END), new Case(two, Channel.ALL, END, END),
        new Case(two, Channel.Q, 3, 3), new Case(two, Channel.ALL, 3, 3),
        new Case(two, Channel.K, END, 2), new Case(two, Channel.V, END, 2));
  }

  private static IterativePathPatching.SweepResult generic(SmallModel m, Circuit ld, Case c) {
    List<String> receivers = new ArrayList<>();
    java.util.function.Function<String, dev.circuits.core.match.IterativeMatcher> hypothesis;
    if (c.receivers().isEmpty()) {
      receivers.add("root");
      hypothesis = n -> dev.circuits.core.match.IterativeMatcher.corrRootMatcher();
    } else {
      c.receivers().forEach(h -> receivers.add(NodeSpec.head(h.layer(), h.head(),
          c.receiverRow()).toName()));
      hypothesis = Matcher::named;
    }
    return IterativePathPatching.run(ld, hypothesis, receivers, m.baseline, m.patch, m.group,
        DirectPaths.senderSweep(SmallModel.LAYERS, SmallModel.HEADS, c.senderRow(),
            c.channel()), PathPatching.DEFAULT_INPUT, m.evaluator);
  }

  private static void assertSame(IterativePathPatching.SweepResult want, PathSweep.Result got,
      String what) {
    INDArray w = want.values().castTo(DataType.DOUBLE);
    INDArray g = got.values().castTo(DataType.DOUBLE);
    assertEquals(List.of(w.size(0), w.size(1)), List.of(g.size(0), g.size(1)), what);
    double diff = w.sub(g).amaxNumber().doubleValue();
    assertTrue(diff < TOL, what + ": max difference " + diff);
    assertEquals(want.notFound(), got.unreached(), what + ": unreached senders");
  }

  @Test
  void everySweepKindMatchesTheGenericEngine() {
    for (long seed : new long[] {7, 21}) {
      SmallModel m = SmallModel.create(seed);
      List<Case> cases = seed == 7 ? cases() : twoLayerGroup();
      RowModel rows = RowModel.of(m.weights, Gpt2BuildOptions.Activation.GELU_NEW);
      ForwardRun base = ForwardRun.of(rows, m.baseline, END, HeadOverrides.none());
      ForwardRun patch = ForwardRun.of(rows, m.patch, END, HeadOverrides.none());
      double moved = 0;
      for (Case c : cases) {
        PathSweep.Result fast = PathSweep.run(base, patch, c.spec(), m.ioS);
        assertSame(generic(m, m.ld, c), fast, "seed " + seed + " " + c);
        moved = Math.max(moved, fast.values().subRowVector(fast.baseline()).amaxNumber()
            .doubleValue());
      }
      assertTrue(moved > 0.02, "the sweeps move the metric: " + moved);
    }
  }

  @Test
  void frozenHeadsMatchTheGenericEngineWithTheirNodesReplaced() {
    SmallModel m = SmallModel.create(9);
    Map<NodeSpec, INDArray> frozen = Map.of(
        NodeSpec.head(1, 0, END), Nd4j.rand(DataType.FLOAT, SmallModel.N, SmallModel.D).subi(0.5)
            .muli(6),
        NodeSpec.head(0, 2, END), Nd4j.rand(DataType.FLOAT, SmallModel.N, SmallModel.D).subi(0.5)
            .muli(6),
        NodeSpec.head(0, 2, 3), Nd4j.rand(DataType.FLOAT, SmallModel.N, SmallModel.D).subi(0.5)
            .muli(6));
    HeadOverrides overrides = HeadOverrides.none();
    Circuit ld = m.ld;
    for (Map.Entry<NodeSpec, INDArray> e : frozen.entrySet()) {
      overrides = overrides.with(e.getKey(), e.getValue());
      String name = e.getKey().toName();
      Circuit var = DiscreteVar.of(Array.wrap(e.getValue().reshape(SmallModel.N, 1,
          SmallModel.D).dup('c'), name + "_frozen"), m.group, name);
      ld = Matcher.named(name).update(ld, x -> var);
    }
    RowModel rows = RowModel.of(m.weights, Gpt2BuildOptions.Activation.GELU_NEW);
    ForwardRun base = ForwardRun.of(rows, m.baseline, END, overrides);
    ForwardRun patch = ForwardRun.of(rows, m.patch, END, overrides);
    List<Case> cases = List.of(new Case(List.of(), Channel.ALL, END, END),
        new Case(List.of(new Head(1, 0), new Head(2, 1)), Channel.Q, END, END),
        new Case(List.of(new Head(2, 1)), Channel.V, END, 3),
        new Case(List.of(new Head(1, 3), new Head(2, 2)), Channel.ALL, 3, 3));
    for (Case c : cases) {
      assertSame(generic(m, ld, c), PathSweep.run(base, patch, c.spec(), m.ioS), "frozen " + c);
    }
  }
}
