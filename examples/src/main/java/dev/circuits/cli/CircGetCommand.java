package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits circ get FILE --name NAME | --regex RE [--depth A:B]}: print matching nodes. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Print the nodes of FILE whose name matches (debug text, children cut).")
final class CircGetCommand implements Callable<Integer> {
  @Mixin
  CircuitFileOptions file;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selector selector;

  /** Exactly one way of selecting nodes. */
  static final class Selector {
    @Option(names = "--name", paramLabel = "NAME", description = "Nodes named exactly NAME.")
    String name;

    @Option(names = "--regex", paramLabel = "RE",
        description = "Nodes whose name contains a match of RE (rust_circuit style: '.' is a"
            + " literal dot, '\\.' any character).")
    String regex;
  }

  @Option(names = "--depth", paramLabel = "A:B",
      description = "Only nodes at depth A (inclusive) to B (exclusive) below the root; either"
          + " bound may be empty, e.g. 1: or :3.")
  String depth;

  @Option(names = "--children-depth", paramLabel = "N", defaultValue = "2",
      description = "How many levels of children to print under each match (default 2).")
  int childrenDepth;

  @Override
  public Integer call() {
    Matcher m = selector.name != null ? Matcher.named(selector.name)
        : Matcher.regex(selector.regex);
    IterativeMatcher finder = depth == null ? m : restrictDepth(m, depth);
    Set<Circuit> found = new LinkedHashSet<>();
    for (Circuit root : file.parse()) {
      found.addAll(finder.get(root));
    }
    if (found.isEmpty()) {
      throw new CircuitException("no node of " + file.file + " matches " + finder);
    }
    PrintOptions opts = PrintOptions.debugDefault(childrenDepth + 1);
    for (Circuit c : found) {
      System.out.println(Printer.repr(opts, c));
    }
    return 0;
  }

  /** {@code m} restricted to depths {@code A:B}; throws naming the text when it is malformed. */
  static IterativeMatcher restrictDepth(Matcher m, String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length != 2) {
      throw new CircuitException("--depth '" + spec + "' must look like A:B (e.g. 1:3, 2:, :4)");
    }
    try {
      Integer start = parts[0].isBlank() ? null : Integer.valueOf(parts[0].trim());
      Integer end = parts[1].isBlank() ? null : Integer.valueOf(parts[1].trim());
      return IterativeMatcher.restrict(m, false, start, end, null);
    } catch (NumberFormatException e) {
      throw new CircuitException("--depth '" + spec + "': bounds must be integers", e);
    }
  }
}
