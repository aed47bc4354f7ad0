package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  @Test
  void parsesNestedValuesInOrder() {
    Object v = Json.parse(" {\"b\": [1, -2, 0], \"a\": {\"x\": \"y\"}, \"t\": true, \"f\": false,"
        + " \"n\": null, \"e\": [], \"o\": {}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "t", "f", "n", "e", "o"), new ArrayList<>(m.keySet()));
    assertEquals(List.of(1L, -2L, 0L), m.get("b"));
    assertEquals(Map.of("x", "y"), m.get("a"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertEquals(Json.NULL, m.get("n"));
    assertEquals(List.of(), m.get("e"));
    assertEquals(Map.of(), m.get("o"));
  }

  @Test
  void parsesEscapes() {
    assertEquals("a\"b\\c/d\b\f\n\r\té€\uD83D\uDE00",
        Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\""));
    assertEquals("é raw", Json.parse("\"é raw\""));
  }

  @Test
  void parsesLongExtremes() {
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
  }

  @Test
  void writesCompactlyWithSerdeEscapes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k\"\\", List.of(1L, 2, "s\n\t\u0001é"));
    m.put("b", Boolean.TRUE);
    m.put("n", Json.NULL);
    assertEquals("{\"k\\\"\\\\\":[1,2,\"s\\n\\t\\u0001é\"],\"b\":true,\"n\":null}", Json.write(m));
  }

  @Test
  void parsesAndWritesFractions() {
    assertEquals(1.5, Json.parse("1.5"));
    assertEquals(1e-5, Json.parse("1e-05"));
    assertEquals(-2.5e3, Json.parse("-2.5E+3"));
    assertEquals("{\"eps\":1.0E-5}", Json.write(java.util.Map.of("eps", 1e-5)));
    assertEquals(1e-5, Json.parse(Json.write(1e-5)));
  }

  @Test
  void writerRejectsUnsupportedValues() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Json.write(java.util.Collections.singletonList(null)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1,\"a\":2}                 | DUPLICATE_KEY | duplicate key \"a\"",
      "1.                                | SYNTAX        | not a JSON value: 1.",
      "1e                                | SYNTAX        | not a JSON value: 1e",
      "99999999999999999999              | UNSUPPORTED   | does not fit in 64 bits",
      "012                               | SYNTAX        | not a JSON value: 012",
      "-                                 | SYNTAX        | not a JSON value: -",
      "{\"a\":1} x                       | SYNTAX        | unexpected 'x' after the value",
      "{\"a\" 1}                         | SYNTAX        | expected ':'",
      "{\"a\":1,}                        | SYNTAX        | expected a string key",
      "[1 2]                             | SYNTAX        | expected ',' or ']'",
      "{\"a\":1 \"b\":2}                 | SYNTAX        | expected ',' or '}'",
      "\"abc                             | SYNTAX        | unterminated string",
      "\"\\x\"                           | SYNTAX        | invalid escape",
      "\"\\u12g4\"                       | SYNTAX        | malformed Unicode escape",
      "tru                               | SYNTAX        | not a JSON value: tru",
      "''                                | SYNTAX        | unexpected end of input",
  })
  void rejectsBadInput(String text, JsonException.Reason reason, String fragment) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains("at character"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'a':1}                           | SYNTAX        | single-quoted",
      "{a:1}                             | SYNTAX        | unquoted key",
      "[1,]                              | SYNTAX        | trailing comma",
      "[1] // c                          | SYNTAX        | comment",
      "NaN                               | SYNTAX        | NaN",
      "{\"x\":{\"y\":1,\"y\":2}}           | DUPLICATE_KEY | nested duplicate",
      "[{\"a\":1},{\"a\":1,\"b\":0,\"a\":3}] | DUPLICATE_KEY | duplicate in a later object",
  })
  void strictReaderRejectsWhatSafetensorsMustNotAccept(String text, JsonException.Reason reason,
      String what) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text), what);
    assertEquals(reason, e.reason(), what + ": " + e.getMessage());
    assertTrue(e.offset() >= 0 && e.offset() <= text.length(), what + ": " + e.offset());
  }

  @Test
  void depthIsBoundedForObjectsAndMixedNesting() {
    String objects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
    assertEquals(JsonException.Reason.TOO_DEEP,
        assertThrows(JsonException.class, () -> Json.parse(objects)).reason());
    String mixed = "[{\"a\":".repeat(Json.MAX_DEPTH / 2) + "1" + "}]".repeat(Json.MAX_DEPTH / 2);
    assertTrue(Json.parse(mixed) instanceof List);
    String deeper = "[" + mixed + "]";
    assertEquals(JsonException.Reason.TOO_DEEP,
        assertThrows(JsonException.class, () -> Json.parse(deeper)).reason());
  }

  @Test
  void errorsInAFileNameItsLineAndColumn() {
    JsonException e = assertThrows(JsonException.class,
        () -> Json.parse("{\n  \"a\": 1,\n  \"a\": 2\n}", "h.json"));
    assertEquals(JsonException.Reason.DUPLICATE_KEY, e.reason());
    assertTrue(e.getMessage().startsWith("h.json: duplicate key \"a\"")
        && e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void rejectsRawControlCharacterInString() {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse("\"a\nb\""));
    assertTrue(e.getMessage().contains("control character U+000A"), e.getMessage());
    assertEquals(JsonException.Reason.SYNTAX, e.reason());
    assertEquals(2, e.offset());
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "[".repeat(65) + "]".repeat(65);
    assertEquals(JsonException.Reason.TOO_DEEP,
        assertThrows(JsonException.class, () -> Json.parse(deep)).reason());
    String ok = "[".repeat(64) + "]".repeat(64);
    assertTrue(Json.parse(ok) instanceof List);
  }

  @Test
  void randomValuesRoundTrip() {
    long seed = 20240611L;
    for (int i = 0; i < 200; i++) {
      long caseSeed = seed + i;
      Object v = randomValue(new Random(caseSeed), 0);
      String text = Json.write(v);
      assertEquals(v, Json.parse(text), "seed " + caseSeed + ": " + text);
      assertEquals(text, Json.write(Json.parse(text)), "seed " + caseSeed);
    }
  }

  private static Object randomValue(Random r, int depth) {
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0:
        return r.nextLong() >> r.nextInt(64);
      case 1:
        return randomString(r);
      case 2:
        return r.nextBoolean();
      case 3:
        return Json.NULL;
      case 4: {
        List<Object> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(randomValue(r, depth + 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          map.put(randomString(r), randomValue(r, depth + 1));
        }
        return map;
      }
    }
  }

  private static String randomString(Random r) {
    String alphabet = "ab\"\\/\n\t\u0001\u001f é€\uD83D\uDE00{}[],:";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
