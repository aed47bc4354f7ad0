package dev.circuits.scrubbing;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Prints a scrubbed circuit showing which dataset feeds which mapped node and input. */
final class ScrubPrinter {
  private final ScrubbedExperiment ex;
  private final Map<HashKey, InterpNode> mapped = new HashMap<>();
  private final Map<HashKey, InterpNode> inputs = new HashMap<>();
  private final Set<HashKey> onMappedPath = new HashSet<>();

  ScrubPrinter(ScrubbedExperiment ex) {
    this.ex = ex;
    Correspondence corr = ex.correspondence();
    for (InterpNode node : corr.nodes()) {
      for (Circuit c : corr.get(node).get(ex.circuit())) {
        mapped.put(HashKey.of(c), node);
      }
    }
    Matcher inputMatcher = Matcher.namedAnyOf(ex.refDataset().inputNames());
    for (InterpNode node : corr.nodes()) {
      for (Circuit c : corr.get(node).get(ex.circuit())) {
        for (Circuit in : inputMatcher.get(c)) {
          inputs.put(HashKey.of(in), node);
        }
      }
    }
    for (Circuit c : ex.circuit().postOrder()) {
      boolean on = mapped.containsKey(HashKey.of(c));
      for (Circuit child : c.children()) {
        on |= onMappedPath.contains(HashKey.of(child));
      }
      if (on) {
        onMappedPath.add(HashKey.of(c));
      }
    }
  }

  String print(PrintOptions options, boolean printData, boolean colorByData) {
    PrintOptions o = options.withBijection(false).withStopAt(c -> {
      InterpNode node = mapped.get(HashKey.of(c));
      return !onMappedPath.contains(HashKey.of(c)) || node != null && node.isLeaf();
    });
    if (colorByData) {
      o = o.withColorer(this::color);
    }
    if (printData) {
      List<Function<Circuit, String>> commenters = new ArrayList<>(o.commenters());
      commenters.add(this::comment);
      o = o.withCommenters(commenters);
    }
    return Printer.repr(o, ex.circuit());
  }

  private Integer color(Circuit c) {
    InterpNode node = mapped.get(HashKey.of(c));
    if (node == null) {
      node = inputs.get(HashKey.of(c));
    }
    if (node != null) {
      return DatasetColors.of(ex.sampledInputs().get(node));
    }
    return onMappedPath.contains(HashKey.of(c)) ? DatasetColors.ON_PATH : DatasetColors.NONE;
  }

  private String comment(Circuit c) {
    InterpNode node = mapped.get(HashKey.of(c));
    if (node != null) {
      return node.describeSamplers(ex.sampledInputs(), 0);
    }
    InterpNode feeding = inputs.get(HashKey.of(c));
    return feeding == null ? "" : ex.sampledInputs().get(feeding).toString();
  }
}
