package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses rust_circuit's {@code .circ} text format. Example:
 * {@code new Parser().parseCircuit("'a' Add\n  'b' [2] Scalar 1\n  'b'")}.
 */
public final class Parser {
  private final ParserOptions options;

  /** A parser with {@link ParserOptions#defaults()}. */
  public Parser() {
    this(ParserOptions.defaults());
  }

  /** A parser with the given options. */
  public Parser(ParserOptions options) {
    this.options = options;
  }

  /** This parser's options. */
  public ParserOptions options() {
    return options;
  }

  /** Parses text holding exactly one root circuit. */
  public Circuit parseCircuit(String text) {
    ParseRun run = new ParseRun(options);
    List<ParseRun.Root> roots = run.read(text);
    if (roots.size() != 1) {
      ParseRun.Line at = roots.size() > 1 ? roots.get(1).line() : new ParseRun.Line(0, "");
      throw new ParseException(ParseException.Reason.WRONG_NUMBER_OF_ROOTS, at.number(),
          at.text(), "expected exactly one root circuit, found " + roots.size()
              + " (use parseCircuits for several)");
    }
    return run.build(roots.get(0).ident());
  }

  /** Parses text holding any number of root circuits; later roots may reuse earlier identifiers. */
  public List<Circuit> parseCircuits(String text) {
    ParseRun run = new ParseRun(options);
    List<Circuit> out = new ArrayList<>();
    for (ParseRun.Root r : run.read(text)) {
      out.add(run.build(r.ident()));
    }
    return out;
  }
}
