package dev.circuits.cli;

import dev.circuits.core.CircuitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code circuits} command line: circuit files, GPT-2 models, IOI experiments, benchmarks. */
@Command(name = "circuits", mixinStandardHelpOptions = true, version = "circuits 0.1.0",
    description = "Mechanistic-interpretability circuits on ND4J (rust_circuit-compatible).",
    subcommands = {CircCommand.class, ModelCommand.class, Gpt2Command.class, IoiCommand.class,
        BenchCommand.class,
        TokenizeCommands.Tokenize.class, TokenizeCommands.Detokenize.class,
        CommandLine.HelpCommand.class})
public final class CircuitsCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with our error handling (message to stderr, exit code 1). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CircuitsCli());
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      if (ex instanceof CircuitException || ex instanceof java.io.UncheckedIOException
          || ex instanceof IllegalArgumentException) {
        err.println("error: " + ex.getMessage());
      } else {
        err.println("error: " + ex);
        ex.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    return cl;
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
