package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.testing.Seeds;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written line scanner against the regex it replaced (rust_circuit's parser regex,
 * which recursed per character in {@code java.util.regex}), on short seeded random lines: the
 * same fields, except where a bracket at the shape position is now always read as the shape.
 */
class LineSyntaxOracleTest {
  private static final String WS = "[\\s\u2502\u2514\u251c\u2023\u2500]*";
  private static final String NAME = "'((?:\\\\[\\\\']|[^'\\\\]|\\\\)*)'";
  private static final String AXIS_NAME = "[^\\s:\\[\\]]*";
  private static final String SIZE = "(?:\\d[\\d_]*s?\\s*\\*\\s*)*\\d[\\d_]*s?";
  private static final String SHAPE_AXIS = "(?:" + AXIS_NAME + "\\s*:\\s*)?" + SIZE + "\\s*";
  private static final Pattern LINE = Pattern.compile("^(" + WS + ")(?:(\\d+)|" + NAME
      + ")(?: \\s*" + NAME + ")?( \\s*AD)?(?: \\s*\\[\\s*((?:" + SHAPE_AXIS + ",\\s*)*(?:"
      + SHAPE_AXIS + ")?)\\])?(?: \\s*([a-zA-Z]+))?(?: \\s*(.*?))?(?:" + WS + ")(?:#.*?)?$");
  private static final Pattern SKIP = Pattern.compile("^" + WS + "(#.*)?$");
  private static final Pattern ONLY_CHILD_MARKER =
      Pattern.compile("^" + WS + "(?:\u25bc|\\|/)(#.*)?$");
  private static final List<String> STARTS = List.of("'a'", "0", "12", "  'n'", "'it\\'s'",
      "'a\\\\'", "\u2502 \u251c\u2500 3", "'", "x", "", "  ");
  private static final List<String> PIECES = List.of(" ", "  ", "\t", "'", "\\", "a", "AD", "Add",
      " Add", " AD", "[", "]", " [2,3]", " [a:2, b:1s]", "[2,", "2", ",", ":", "#", " # c", "!",
      " ! 'x' [2] Symbol", "\u2502", "\u2500", "0", "x y", "s", "*", " 'b'", "'c d'", "\\'",
      " Einsum ab,bc->ac", " Scalar 1.5", "\u25bc", "|/", " 2*1s", "-1", "_", "\r");

  private static LineSyntax.NodeLine oracle(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    Ident ident = m.group(2) != null ? Ident.number(Long.parseLong(m.group(2)))
        : Ident.string(NameQuoting.unescape(m.group(3)));
    String name = m.group(4) == null ? null : NameQuoting.unescape(m.group(4));
    return LineSyntax.NodeLine.of(m.group(1).length(), ident, name, m.group(5) != null,
        m.group(6), m.group(7), m.group(8) == null ? "" : m.group(8));
  }

  private static LineSyntax.Kind oracleKind(String line) {
    return SKIP.matcher(line).matches() ? LineSyntax.Kind.SKIP
        : ONLY_CHILD_MARKER.matcher(line).matches() ? LineSyntax.Kind.ONLY_CHILD_MARKER
            : LineSyntax.Kind.NODE;
  }

  private static String randomLine(Random r) {
    StringBuilder sb = new StringBuilder(STARTS.get(r.nextInt(STARTS.size())));
    int pieces = r.nextInt(9);
    for (int i = 0; i < pieces; i++) {
      sb.append(PIECES.get(r.nextInt(PIECES.size())));
    }
    return sb.toString();
  }

  @Test
  void scannerAgreesWithTheOldRegex() {
    int[] compared = {0};
    Seeds.forEach(20_000, seed -> {
      String line = randomLine(new Random(seed));
      assertEquals(oracleKind(line), LineSyntax.of(line).kind(), line);
      LineSyntax.NodeLine expected = oracle(line);
      LineSyntax.NodeLine got;
      try {
        got = LineSyntax.of(line).nodeLine();
      } catch (LineSyntax.UnclosedShape e) {
        return; // deliberate: an unclosed shape bracket is reported as such
      }
      boolean shapeReadDifferently = (got != null && got.shape() != null
          && (expected == null || !got.shape().equals(expected.shape())))
          || (got == null && expected != null && line.indexOf('[') >= 0);
      if (!shapeReadDifferently) {
        compared[0]++;
        assertEquals(expected, got, "line: " + line);
      }
    });
    assertTrue(compared[0] > 15_000, "compared " + compared[0]);
  }
}
