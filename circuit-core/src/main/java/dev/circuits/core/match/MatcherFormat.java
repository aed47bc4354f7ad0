package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** rust_circuit's matcher printing helpers ({@code matcher_debug.rs}), quirks included. */
final class MatcherFormat {
  private static final int MAX_SINGLE_LINE_WIDTH = 80;
  private static final int INDENT = 4;

  private MatcherFormat() {}

  /** Prefixes every line with {@code width} spaces. */
  static String indent(String s, int width) {
    String tab = " ".repeat(width);
    return s.lines().map(l -> tab + l).collect(Collectors.joining("\n"));
  }

  /** Joins lines with trailing spaces before each newline (upstream's {@code indent_butfirst}). */
  static String indentButFirst(String s, int width) {
    return s.lines().collect(Collectors.joining(" ".repeat(width) + "\n"));
  }

  /** Puts a multi-line string on its own indented lines. */
  static String indentedIfMultiline(String s) {
    if (s.contains("\n")) {
      return "\n" + indent(s, INDENT) + "\n";
    }
    return s;
  }

  /** Joins on one line when short, else one indented item per line. */
  static String maybeIndentedList(List<String> items, String sep, boolean sepAfterLine,
      boolean surroundingNewlines) {
    int total = items.stream().mapToInt(s -> s.length() + 3).sum();
    if (total < MAX_SINGLE_LINE_WIDTH && items.stream().noneMatch(s -> s.contains("\n"))) {
      return String.join(sep, items);
    }
    String lineSep = sepAfterLine ? sep + "\n" : "\n";
    String result = indent(items.stream().map(s -> indentButFirst(s, INDENT))
        .collect(Collectors.joining(lineSep)), INDENT);
    return surroundingNewlines ? "\n" + result + "\n" : result;
  }

  /** A single item as is, several as {@code {a, b}}. */
  static String singleOrSet(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return "{" + maybeIndentedList(items, ", ", false, true) + "}";
  }

  /** {@code 'name' Type abcdef}: name, node type and the first 6 hex digits of the hash. */
  static String shortCircuit(Circuit c) {
    return (c.isNamed() ? "'" + c.name() + "'" : "None") + " " + c.kind().displayName() + " "
        + c.hashHex().substring(0, 6);
  }

  /** Comma-joined {@code toString}s, for error messages. */
  static String join(Collection<?> xs) {
    return xs.stream().map(Object::toString).collect(Collectors.joining(", ", "{", "}"));
  }
}
