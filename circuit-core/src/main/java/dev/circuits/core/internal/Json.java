package dev.circuits.core.internal;

import dev.circuits.core.io.JsonException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer for small headers such as safetensors'.
 *
 * <p>Values map to Java as: object to {@code Map<String, Object>} (insertion-ordered, unmodifiable),
 * array to {@code List<Object>} (unmodifiable), string to {@link String}, integer to {@link Long},
 * other numbers to {@link Double}, {@code true}/{@code false} to {@link Boolean} and {@code null}
 * to {@link #NULL}. Duplicate object keys are rejected. Example:
 * {@code Json.parse("{\"a\":[1,2]}")} gives {@code {a=[1, 2]}}.
 */
public final class Json {
  /** The Java value of JSON {@code null} (collections here never hold Java nulls). */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final int MAX_DEPTH = 64;

  private Json() {}

  /** Parses one JSON value; surrounding whitespace is allowed, anything else after it is not. */
  public static Object parse(String text) {
    return new Reader(text).parseDocument();
  }

  /**
   * Parses one JSON value read from {@code source} (e.g. a file name); errors name the source
   * and the line and column.
   */
  public static Object parse(String text, String source) {
    try {
      return parse(text);
    } catch (JsonException e) {
      throw e.in(source, text);
    }
  }

  /** Serialises a value compactly (no spaces), escaping as serde_json does. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(value, out);
    return out.toString();
  }

  private static void writeValue(Object value, StringBuilder out) {
    if (value == NULL) {
      out.append("null");
    } else if (value instanceof String) {
      writeString((String) value, out);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("cannot write non-finite number " + d + " as JSON");
      }
      out.append(d);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) e.getKey(), out);
        out.append(':');
        writeValue(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object v : (List<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeValue(v, out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + (value == null ? "a Java null"
          : value.getClass().getName()) + " as JSON (use Json.NULL for null)");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A recursive-descent parser over one string. */
  private static final class Reader {
    private final String s;
    private int pos;
    private int depth;

    Reader(String s) {
      this.s = s;
    }

    Object parseDocument() {
      skipWhitespace();
      Object v = parseValue();
      skipWhitespace();
      if (pos != s.length()) {
        throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos) + " after the value");
      }
      return v;
    }

    private Object parseValue() {
      if (pos >= s.length()) {
        throw error(JsonException.Reason.SYNTAX, "unexpected end of input, expected a value");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return parseObject();
        case '[':
          return parseArray();
        case '"':
          return parseString();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", NULL);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return parseNumber();
          }
          throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos)
              + ", expected a value" + nonFiniteHint(pos));
      }
    }

    private Map<String, Object> parseObject() {
      enter();
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        depth--;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos)
              + ", expected a string key");
        }
        int keyAt = pos;
        String key = parseString();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        Object value = parseValue();
        if (map.putIfAbsent(key, value) != null) {
          pos = keyAt;
          throw error(JsonException.Reason.DUPLICATE_KEY, "duplicate key \"" + key + "\"");
        }
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          depth--;
          return Collections.unmodifiableMap(map);
        }
        if (c != ',') {
          pos--;
          throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos)
              + ", expected ',' or '}' in an object");
        }
      }
    }

    private List<Object> parseArray() {
      enter();
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        depth--;
        return Collections.unmodifiableList(list);
      }
      while (true) {
        skipWhitespace();
        list.add(parseValue());
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          depth--;
          return Collections.unmodifiableList(list);
        }
        if (c != ',') {
          pos--;
          throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos)
              + ", expected ',' or ']' in an array");
        }
      }
    }

    private String parseString() {
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error(JsonException.Reason.SYNTAX, "unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          pos--;
          throw error(JsonException.Reason.SYNTAX, "unescaped control character "
              + String.format("U+%04X", (int) c) + " in a string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error(JsonException.Reason.SYNTAX, "unterminated escape in a string");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> out.append(parseHex4());
          default -> {
            pos--;
            throw error(JsonException.Reason.SYNTAX, "invalid escape '\\" + e + "'");
          }
        }
      }
    }

    private char parseHex4() {
      if (pos + 4 > s.length()) {
        throw error(JsonException.Reason.SYNTAX, "truncated \\u escape");
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(s.charAt(pos + i), 16);
        if (d < 0) {
          throw error(JsonException.Reason.SYNTAX, "invalid hex digit in \\u escape");
        }
        v = v * 16 + d;
      }
      pos += 4;
      return (char) v;
    }

    private Number parseNumber() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      int digitsAt = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == digitsAt) {
        throw error(JsonException.Reason.SYNTAX, "expected digits after '-'" + nonFiniteHint(pos));
      }
      if (s.charAt(digitsAt) == '0' && pos - digitsAt > 1) {
        pos = digitsAt;
        throw error(JsonException.Reason.SYNTAX, "leading zero in a number");
      }
      if (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        return parseFraction(start);
      }
      String digits = s.substring(start, pos);
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException ex) {
        pos = start;
        throw error(JsonException.Reason.UNSUPPORTED, "integer " + digits + " does not fit in 64 bits");
      }
    }

    private Double parseFraction(int start) {
      if (peek() == '.') {
        pos++;
        int fracAt = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
          pos++;
        }
        if (pos == fracAt) {
          throw error(JsonException.Reason.SYNTAX, "expected digits after '.'");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        int expAt = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
          pos++;
        }
        if (pos == expAt) {
          throw error(JsonException.Reason.SYNTAX, "expected digits in the exponent");
        }
      }
      return Double.parseDouble(s.substring(start, pos));
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos) + ", expected a value");
      }
      pos += word.length();
      return value;
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw error(JsonException.Reason.TOO_DEEP, "nesting deeper than " + MAX_DEPTH);
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error(JsonException.Reason.SYNTAX, "unexpected " + describe(pos) + ", expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private String describe(int at) {
      if (at >= s.length()) {
        return "end of input";
      }
      char c = s.charAt(at);
      return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    /** A hint when the text at {@code at} looks like Python's NaN or Infinity. */
    private String nonFiniteHint(int at) {
      return s.startsWith("NaN", at) || s.startsWith("Infinity", at)
          ? " (NaN and Infinity are not JSON numbers)" : "";
    }

    private JsonException error(JsonException.Reason reason, String message) {
      return new JsonException(reason, pos, message);
    }
  }
}
