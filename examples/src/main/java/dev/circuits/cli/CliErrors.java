package dev.circuits.cli;

import dev.circuits.core.CircuitException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * How the command line reports failures, each as one short paragraph on stderr: a bad argument
 * (picocli's usage error, exit code 2) names the argument and points to {@code --help}; a typed
 * failure while running (bad input, a broken network; exit code 1) prints its message.
 */
final class CliErrors {
  /** Exit code of a run that failed on its input or environment. */
  static final int FAILED = 1;

  private CliErrors() {}

  /** picocli's parameter-exception handler: the message, suggestions, where to find help. */
  static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String message = ex.getMessage().strip();
    StringBuilder sb = new StringBuilder("error: ").append(message)
        .append(message.endsWith(".") ? "" : ".");
    if (ex instanceof CommandLine.UnmatchedArgumentException u
        && !u.getSuggestions().isEmpty()) {
      sb.append(" Did you mean: ").append(String.join(", ", u.getSuggestions())).append('?');
    } else if (!cmd.getSubcommands().isEmpty()) {
      sb.append(" Commands: ").append(String.join(", ", cmd.getSubcommands().keySet()))
          .append('.');
    }
    sb.append(" See '").append(cmd.getCommandSpec().qualifiedName()).append(" --help'.");
    PrintWriter err = cmd.getErr();
    err.println(sb);
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** picocli's execution-exception handler: typed failures print their message, exit 1. */
  static int runError(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof CircuitException || ex instanceof UncheckedIOException
        || ex instanceof IllegalArgumentException) {
      err.println("error: " + ex.getMessage());
    } else {
      err.println("error: internal error (please report it with the command line): " + ex);
      ex.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }
}
