package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code circuits circ ...}: read, print, hash and evaluate {@code .circ} files. */
@Command(name = "circ", description = "Work with rust_circuit .circ files.",
    subcommands = {CircCommand.Print.class, CircCommand.Hash.class, CircEvalCommand.class,
        CircGetCommand.class, CircSimpCommand.class})
final class CircCommand {
  /** {@code circuits circ print FILE}. */
  @Command(name = "print", mixinStandardHelpOptions = true,
      description = "Parse FILE and print it canonically (bijective .circ text).")
  static final class Print implements Callable<Integer> {
    @Mixin
    CircuitFileOptions file;

    @Override
    public Integer call() {
      List<Circuit> roots = file.parse();
      if (file.modelFile().isPresent()) {
        System.out.print(file.modelFile().get().dump(PrintOptions.defaults()));
      } else {
        System.out.println(Printer.repr(PrintOptions.defaults(), roots));
      }
      return 0;
    }
  }

  /** {@code circuits circ hash FILE}. */
  @Command(name = "hash", mixinStandardHelpOptions = true,
      description = "Print the rust_circuit structural hash (hex) of each root in FILE.")
  static final class Hash implements Callable<Integer> {
    @Mixin
    CircuitFileOptions file;

    @Override
    public Integer call() {
      for (Circuit c : file.parse()) {
        System.out.println(c.hashHex() + "  " + (c.isNamed() ? "'" + c.name() + "'" : "<unnamed>")
            + " " + c.kind().displayName() + " " + c.shape());
      }
      return 0;
    }
  }
}
