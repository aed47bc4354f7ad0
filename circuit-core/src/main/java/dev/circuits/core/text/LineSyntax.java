package dev.circuits.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line grammar of the text format (rust_circuit's parser regex):
 * {@code indent ident ['name'] [AD] [[shape]] [Variant] [extra [! child-info]] [# comment]}.
 * Box-drawing characters printed with arrows count as whitespace.
 */
final class LineSyntax {
  private static final String WS = "[\\s\u2502\u2514\u251c\u2023\u2500]*";
  /** A quoted name: escaped pairs first, a lone backslash only as a fallback (as rust allows). */
  private static final String NAME = "'((?:\\\\[\\\\']|[^'\\\\]|\\\\)*)'";
  private static final String AXIS_NAME = "[^\\s:\\[\\]]*";
  private static final String SIZE = "(?:\\d[\\d_]*s?\\s*\\*\\s*)*\\d[\\d_]*s?";
  private static final String SHAPE_AXIS = "(?:" + AXIS_NAME + "\\s*:\\s*)?" + SIZE + "\\s*";
  static final String LINE_REGEX = "^(" + WS + ")(?:(\\d+)|" + NAME + ")(?: \\s*" + NAME
      + ")?( \\s*AD)?(?: \\s*\\[\\s*((?:" + SHAPE_AXIS + ",\\s*)*(?:" + SHAPE_AXIS
      + ")?)\\])?(?: \\s*([a-zA-Z]+))?(?: \\s*(.*?))?(?:" + WS + ")(?:#.*?)?$";
  private static final Pattern LINE = Pattern.compile(LINE_REGEX);
  private static final Pattern SKIP = Pattern.compile("^" + WS + "(#.*)?$");
  private static final Pattern ONLY_CHILD_MARKER =
      Pattern.compile("^" + WS + "(?:\u25bc|\\|/)(#.*)?$");

  private LineSyntax() {}

  /** What a raw line is. */
  enum Kind { SKIP, ONLY_CHILD_MARKER, NODE }

  /** The fields of a node line; absent parts are null. */
  record NodeLine(int indent, Ident ident, String name, boolean autonameDisabled, String shape,
      String variant, String extra, String childInfo) {
    /** Whether the line holds only its identifier. */
    boolean bare() {
      return name == null && !autonameDisabled && shape == null && variant == null
          && extra == null && childInfo == null;
    }
  }

  static Kind classify(String line) {
    if (SKIP.matcher(line).matches()) {
      return Kind.SKIP;
    }
    if (ONLY_CHILD_MARKER.matcher(line).matches()) {
      return Kind.ONLY_CHILD_MARKER;
    }
    return Kind.NODE;
  }

  /** Splits a node line into its fields, or returns null when the grammar does not match. */
  static NodeLine parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    int indent = m.group(1).codePointCount(0, m.group(1).length());
    Ident ident = m.group(2) != null ? Ident.number(parseSerial(m.group(2)))
        : Ident.string(NameQuoting.unescape(m.group(3)));
    String name = m.group(4) == null ? null : NameQuoting.unescape(m.group(4));
    String extraAndInfo = m.group(8) == null ? "" : m.group(8);
    String extra = extraAndInfo;
    String info = null;
    int bang = extraAndInfo.indexOf('!');
    if (bang >= 0) {
      extra = extraAndInfo.substring(0, bang).trim();
      info = extraAndInfo.substring(bang + 1).trim();
    }
    return new NodeLine(indent, ident, name, m.group(5) != null, m.group(6), m.group(7),
        extra.isEmpty() ? null : extra, info);
  }

  private static long parseSerial(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("serial number " + digits + " is too large", e);
    }
  }
}
