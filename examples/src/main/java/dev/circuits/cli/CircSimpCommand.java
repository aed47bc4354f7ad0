package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.rewrite.SimpRules;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits circ simp FILE}: print each root after the simp fixed point. */
@Command(name = "simp", mixinStandardHelpOptions = true,
    description = "Simplify every root of FILE with rust_circuit's simp rules and print the result.")
final class CircSimpCommand implements Callable<Integer> {
  @Mixin
  CircuitFileOptions file;

  @Option(names = "--all", description = "Start from every rule instead of the defaults.")
  boolean all;

  @Option(names = "--include", split = ",", paramLabel = "RULE",
      description = "Also enable these rules (comma-separated), e.g. add_flatten,einsum_flatten.")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "RULE",
      description = "Disable these rules (comma-separated); an unknown name lists the valid ones.")
  List<String> exclude = new ArrayList<>();

  @Override
  public Integer call() {
    SimpRules rules = (all ? SimpRules.all() : SimpRules.defaults()).include(include)
        .exclude(exclude);
    List<Circuit> out = new ArrayList<>();
    for (Circuit root : file.parse()) {
      out.add(rules.simp(root));
    }
    System.out.println(Printer.repr(PrintOptions.defaults(), out));
    return 0;
  }
}
