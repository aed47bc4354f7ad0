package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import java.util.List;

/**
 * Prints circuits in rust_circuit's {@code .circ} text format. A bijective print (the default)
 * parses back with {@link Parser} to equal circuits; serial numbers count across all roots.
 */
public final class Printer {
  private Printer() {}

  /** The text of {@code circuits} under {@code options} (several roots share identifiers). */
  public static String repr(PrintOptions options, Circuit... circuits) {
    return repr(options, List.of(circuits));
  }

  /** The text of {@code circuits} under {@code options} (several roots share identifiers). */
  public static String repr(PrintOptions options, List<Circuit> circuits) {
    options.validate();
    return new PrintRun(options, circuits).run(circuits);
  }

  /** The bijective text of {@code circuits} with default options. */
  public static String repr(Circuit... circuits) {
    return repr(PrintOptions.defaults(), circuits);
  }

  /** The debug form {@code <...>}: not bijective, shapes shown, children cut below depth 2. */
  public static String debugRepr(Circuit circuit) {
    return "<" + repr(PrintOptions.debugDefault(2), circuit) + ">";
  }

  /** One node's line after its identifier, e.g. {@code  [2,3] Scalar 1} (rust's repr_line_info). */
  public static String lineInfo(PrintOptions options, Circuit circuit) {
    return LineFormat.lineInfo(options, circuit);
  }
}
