package dev.circuits.scrubbing.patching;

import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.List;
import java.util.function.Function;

public class ScratchProf {
  public static void main(String[] a) {
    SmallModel m = SmallModel.create(7);
    ClosedForms oracle = new ClosedForms(m);
    List<NodeSpec> receivers = List.of(NodeSpec.head(2, 1, 5), NodeSpec.head(2, 3, 5));
    List<String> names = List.of("a2_h1_t5", "a2_h3_t5");
    Function<String, IterativeMatcher> hyp = n -> DirectPaths.addPathToGroup(
        IterativeMatcher.corrRootMatcher(), names, true, Channel.ALL);
    for (int rep = 0; rep < 2; rep++)
    for (Channel c : Channel.values()) {
      for (int pos : new int[] {5, 2}) {
      long t0 = System.nanoTime();
      IterativePathPatching.Variants v = IterativePathPatching.variants(m.ld,
          IterativePathPatching.receivers(hyp, List.of("r")), m.baseline, m.patch, m.group,
          DirectPaths.senderSweep(3, 4, pos, c), "tokens");
      long t1 = System.nanoTime();
      IterativePathPatching.run(m.ld, hyp, List.of("r"), m.baseline, m.patch, m.group,
          DirectPaths.senderSweep(3, 4, pos, c), "tokens", m.evaluator);
      long t2 = System.nanoTime();
      for (NodeSpec s : NodeSpec.sweep(3, 4, pos)) oracle.receiverChannel(receivers, s, c);
      long t3 = System.nanoTime();
      System.out.println(c + " variants " + (t1 - t0) / 1e6 + " run " + (t2 - t1) / 1e6 + " oracle " + (t3 - t2) / 1e6);
      }
    }
  }
}
