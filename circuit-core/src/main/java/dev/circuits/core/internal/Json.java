package dev.circuits.core.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.circuits.core.io.JsonException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for small documents such as safetensors headers and {@code config.json}: Gson's streaming
 * reader in strict mode, plus what safetensors needs on top (duplicate keys rejected, nesting
 * bounded at {@value #MAX_DEPTH}, integers exact in 64 bits), with typed {@link JsonException}s.
 *
 * <p>Values map to Java as: object to {@code Map<String, Object>} (insertion-ordered,
 * unmodifiable), array to {@code List<Object>} (unmodifiable), string to {@link String}, integer to {@link Long},
 * other numbers to {@link Double}, {@code true}/{@code false} to {@link Boolean} and {@code null}
 * to {@link #NULL}. Example: {@code Json.parse("{\"a\":[1,2]}")} gives {@code {a=[1, 2]}}.
 */
public final class Json {
  /** The Java value of JSON {@code null} (collections here never hold Java nulls). */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** The deepest nesting of arrays and objects {@link #parse} accepts. */
  public static final int MAX_DEPTH = 64;

  private static final Pattern GSON_LOCATION =
      Pattern.compile(" at line (\\d+) column (\\d+) path \\S*");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");

  private Json() {}

  /** Parses one JSON value; surrounding whitespace is allowed, anything else after it is not. */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    Object value;
    try {
      value = new Parse(text, reader).value(0);
    } catch (IOException | IllegalStateException e) {
      throw syntaxError(text, e);
    }
    String where = reader.toString();
    try {
      if (reader.peek() == JsonToken.END_DOCUMENT) {
        return value;
      }
    } catch (IOException | IllegalStateException e) {
      where = e.getMessage();
    }
    JsonException e = error(JsonException.Reason.SYNTAX, text, where, "unexpected content", null);
    int at = tokenStart(text, e.offset());
    throw new JsonException(JsonException.Reason.SYNTAX, at,
        "unexpected " + describe(text, at) + " after the value");
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

  /** Serialises a value compactly (no spaces); a Java {@code null} or NaN is an error. */
  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.setStrictness(Strictness.STRICT);
      w.setHtmlSafe(false);
      w.setSerializeNulls(true);
      writeValue(value, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeValue(Object value, JsonWriter w) throws IOException {
    if (value == NULL) {
      w.nullValue();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      w.value(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("cannot write non-finite number " + d + " as JSON");
      }
      w.value(d);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else if (value instanceof Map<?, ?> map) {
      w.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
        }
        w.name(key);
        writeValue(e.getValue(), w);
      }
      w.endObject();
    } else if (value instanceof List<?> list) {
      w.beginArray();
      for (Object v : list) {
        writeValue(v, w);
      }
      w.endArray();
    } else {
      throw new IllegalArgumentException("cannot write " + (value == null ? "a Java null"
          : value.getClass().getName()) + " as JSON (use Json.NULL for null)");
    }
  }

  /** A typed syntax error from Gson's exception, in this class's words where they are clearer. */
  private static JsonException syntaxError(String text, Exception e) {
    String m = String.valueOf(e.getMessage());
    Matcher at = GSON_LOCATION.matcher(m);
    String problem = (at.find() ? m.substring(0, at.start()) : m)
        .replaceAll("\\s*See https?://\\S+", "").strip();
    JsonException located = error(JsonException.Reason.SYNTAX, text, m, "", null);
    int offset = located.offset();
    String message;
    if (problem.startsWith("Use JsonReader.setStrictness")
        || problem.startsWith("Expected value")) {
      offset = tokenStart(text, offset);
      message = "not a JSON value: " + token(text, offset) + nonFiniteHint(text, offset);
    } else if (problem.startsWith("Unescaped control characters")) {
      offset = firstControl(text, Math.max(0, offset - 2));
      message = String.format("unescaped control character U+%04X in a string",
          offset < text.length() ? (int) text.charAt(offset) : 0);
    } else {
      message = switch (problem) {
        case "Unterminated array" -> "expected ',' or ']' in an array";
        case "Unterminated object" -> "expected ',' or '}' in an object";
        case "Expected name" -> "expected a string key";
        case "End of input" -> "unexpected end of input";
        default -> problem.isEmpty() ? "malformed JSON"
            : Character.toLowerCase(problem.charAt(0)) + problem.substring(1);
      } + ", found " + describe(text, offset);
    }
    return new JsonException(JsonException.Reason.SYNTAX, offset, message);
  }

  /** Where the literal ending at or containing {@code offset} starts (Gson reports its end). */
  private static int tokenStart(String text, int offset) {
    int i = Math.min(offset, text.length());
    if (i == 0 || i < text.length() && isLiteralChar(text.charAt(i))) {
      while (i > 0 && isLiteralChar(text.charAt(i - 1))) {
        i--;
      }
      return i;
    }
    while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    while (i > 0 && isLiteralChar(text.charAt(i - 1))) {
      i--;
    }
    return i < text.length() ? i : offset;
  }

  private static boolean isLiteralChar(char c) {
    return !Character.isWhitespace(c) && "{}[],:\"".indexOf(c) < 0;
  }

  /** The literal starting at {@code offset} (at most 20 characters), or a description. */
  private static String token(String text, int offset) {
    int end = offset;
    while (end < text.length() && end - offset < 20 && isLiteralChar(text.charAt(end))) {
      end++;
    }
    return end > offset ? text.substring(offset, end) : describe(text, offset);
  }

  private static int firstControl(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) < 0x20) {
        return i;
      }
    }
    return from;
  }

  /**
   * A typed error at the location Gson reports in {@code gsonText} ({@code "... at line L column
   * C ..."}), as a character offset of {@code text}; {@code suffix} (may be null) follows the
   * description of the character found there.
   */
  private static JsonException error(JsonException.Reason reason, String text, String gsonText,
      String problem, String suffix) {
    int offset = text.length();
    Matcher at = GSON_LOCATION.matcher(String.valueOf(gsonText));
    if (at.find()) {
      offset = offset(text, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)));
    }
    StringBuilder message = new StringBuilder(problem).append(": found ")
        .append(describe(text, offset));
    if (suffix != null) {
      message.append(' ').append(suffix);
    }
    message.append(nonFiniteHint(text, offset));
    return new JsonException(reason, offset, message.toString());
  }

  /** The character offset of 1-based {@code line} and {@code column}, clamped to the text. */
  private static int offset(String text, int line, int column) {
    int i = 0;
    for (int l = 1; l < line && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        l++;
      }
    }
    return Math.max(0, Math.min(text.length(), i + column - 1));
  }

  private static String describe(String text, int at) {
    if (at >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(at);
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
  }

  private static String nonFiniteHint(String text, int at) {
    for (int i = Math.max(0, at - 1); i <= at; i++) {
      if (text.startsWith("NaN", i) || text.startsWith("Infinity", i)
          || text.startsWith("-Infinity", i)) {
        return " (NaN and Infinity are not JSON numbers)";
      }
    }
    return "";
  }

  /** One parse: builds Java values from Gson's tokens, checking keys, depth and integers. */
  private record Parse(String text, JsonReader reader) {
    Object value(int depth) throws IOException {
      JsonToken token = reader.peek();
      switch (token) {
        case BEGIN_OBJECT:
          return object(enter(depth));
        case BEGIN_ARRAY:
          return array(enter(depth));
        case STRING:
          return reader.nextString();
        case NUMBER:
          return number();
        case BOOLEAN:
          return reader.nextBoolean();
        case NULL:
          reader.nextNull();
          return NULL;
        default:
          throw error(JsonException.Reason.SYNTAX, text, reader.toString(), "unexpected " + token,
              "where a value was expected");
      }
    }

    private int enter(int depth) {
      if (depth + 1 > MAX_DEPTH) {
        throw error(JsonException.Reason.TOO_DEEP, text, reader.toString(),
            "nesting deeper than " + MAX_DEPTH, null);
      }
      return depth + 1;
    }

    private Map<String, Object> object(int depth) throws IOException {
      reader.beginObject();
      Map<String, Object> map = new LinkedHashMap<>();
      while (reader.hasNext()) {
        String where = reader.toString();
        String key = reader.nextName();
        if (map.containsKey(key)) {
          throw error(JsonException.Reason.DUPLICATE_KEY, text, where,
              "duplicate key \"" + key + "\"", null);
        }
        map.put(key, value(depth));
      }
      reader.endObject();
      return Collections.unmodifiableMap(map);
    }

    private List<Object> array(int depth) throws IOException {
      reader.beginArray();
      List<Object> list = new ArrayList<>();
      while (reader.hasNext()) {
        list.add(value(depth));
      }
      reader.endArray();
      return Collections.unmodifiableList(list);
    }

    private Number number() throws IOException {
      String where = reader.toString();
      String literal = reader.nextString();
      if (!INTEGER.matcher(literal).matches()) {
        return Double.parseDouble(literal);
      }
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        throw error(JsonException.Reason.UNSUPPORTED, text, where,
            "integer " + literal + " does not fit in 64 bits", null);
      }
    }
  }
}
