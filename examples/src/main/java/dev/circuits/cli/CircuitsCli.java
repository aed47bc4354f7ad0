package dev.circuits.cli;

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

  /**
   * Builds the command line with our error handling: a bad argument exits with 2 (picocli's
   * usage error), a failed run with 1, each with a one-paragraph message on stderr.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CircuitsCli());
    cl.registerConverter(java.nio.file.Path.class, new PathArg());
    cl.setParameterExceptionHandler(CliErrors::usageError);
    cl.setExecutionExceptionHandler(CliErrors::runError);
    return cl;
  }

  /** Entry point. */
  public static void main(String[] args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // Last resort: inputs are bounded before this can happen; say so in one line if it does.
      System.err.println("error: the run needed more " + (e instanceof StackOverflowError
          ? "stack" : "memory") + " than this JVM has (" + e + "); please report the input");
      code = CliErrors.FAILED;
    }
    System.exit(code);
  }
}
