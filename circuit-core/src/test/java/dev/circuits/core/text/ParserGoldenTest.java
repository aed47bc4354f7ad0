package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.text.ParseException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing goldens ported from rust_circuit's {@code python/tests/test_rust_printing.py}. */
class ParserGoldenTest {
  static Circuit parse(String s) {
    return new Parser().parseCircuit(s);
  }

  static Circuit unique(Circuit root, String name) {
    List<Circuit> found = root.postOrder().stream().filter(c -> name.equals(c.name())).toList();
    assertEquals(1, found.size(), "nodes named '" + name + "'");
    return found.get(0);
  }

  static ParseException parseError(String s) {
    return assertThrows(ParseException.class, () -> new Parser().parseCircuits(s));
  }

  @Test
  void emptyEinsum() {
    assertEquals(Einsum.of(List.of(), new int[0], null).rename(null), parse("0 [] Einsum ->"));
  }

  @Test
  void autonameDisableError() {
    ParseException e = parseError("""
        0 [5, 3, 6] Add
        0 AD Add
        """);
    assertEquals(Reason.REPEAT_INFO_NOT_SAME, e.reason());
    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().contains("0 AD Add"), e.getMessage());
  }

  // test_rust_printing_bijection_2: the Cumulant and StoredCumulantVar strings are skipped
  // (those node types are not implemented).
  @Test
  void bijection2() {
    List<String> strings = List.of("""
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 [5, 3, 3] Concat 0
              5 '\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        3 Tag 1a280c74-fa9f-4dd9-94f4-5cca4a0cf243
          2 [3, 3, 3] Scalar 1.2""", """
        0 DiscreteVar
          2 [10,11] Scalar 2.2
          1 [10] Scalar 0.1
          """);
    for (String s : strings) {
      Circuit c = parse(s);
      assertEquals(c, parse(Printer.repr(c)));
    }
    Circuit first = parse(strings.get(0));
    Set<String> names = new HashSet<>();
    first.postOrder().forEach(c -> names.add(c.name()));
    assertTrue(names.contains("\\'\\"), names.toString());
    assertTrue(names.contains("' hi\\"), names.toString());
  }

  static final String COMMENTS_BASE = """
      0 [5, 3, 6] Add
        1 [3, 1] Scatter [0:2,0:1]
          2 [2, 1] Scalar 1.0
        10 [5, 3, 6] Scatter [0:5,0:3,0:3]
          4 '# my name' [5, 3, 3] Concat 0
            5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
            6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""";

  @Test
  void comments() {
    List<String> strings = List.of(COMMENTS_BASE, """
                # comment before
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        # comment before
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
        # comment mid
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1] # comment
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        0 [5, 3, 6] Add#c
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0#dfj
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2      #  sldkj#*$&fstuf
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]###
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""", """
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            # comment mid
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2""");
    Set<Circuit> circs = new HashSet<>();
    for (String s : strings) {
      circs.add(parse(s));
    }
    assertEquals(1, circs.size(), circs.toString());
    assertEquals("# my name", unique(circs.iterator().next(), "# my name").name());
  }

  // test_rust_printing_many: its five strings are a subset of the comment variants above, plus
  // the mid-comment at the child's indentation.
  @Test
  void many() {
    Circuit base = parse(COMMENTS_BASE);
    assertEquals(base, parse("""
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            # comment mid
            2 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 '# my name' [5, 3, 3] Concat 0
              5 '#\\\\'\\\\' [2, 3, 3] Scalar 1.2
              6 '\\' hi\\\\' [3, 3, 3] Scalar 1.2"""));
  }

  static final String MANY_BASE = """
      0 Add
        1 [3, 1] Scatter [0:2,0:1]
          2 [2, 1] Scalar 1
        3 '0' [1, 3, 6] Scalar 7
        4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
          5 Concat 0
            6 [2, 3, 3] Scalar 1.2
            7 [3, 3, 3] Scalar 1.2
        8 'ein' Einsum abc->abc
          4
        3""";

  private static void assertSameThree(Circuit circ, List<Circuit> parsed) {
    assertEquals(3, parsed.size());
    assertEquals(unique(circ, "0"), parsed.get(0));
    assertEquals(unique(circ, "1"), parsed.get(1));
    assertEquals(circ, parsed.get(2));
  }

  @Test
  void bijectionMany() {
    Circuit circ = parse(MANY_BASE);
    List<Circuit> parsed = new Parser().parseCircuits("""
        # extra
        3 '0' [1, 3, 6] Scalar 7
        4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
          5 Concat 0
            6 [2, 3, 3] Scalar 1.2
            7 [3, 3, 3] Scalar 1.2
        # we can include newlines between

        0 Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1
          # now below is repeated
          3
          4
          8 'ein' Einsum abc->abc
            4
          3""");
    assertSameThree(circ, parsed);
    String expected = """
        '0' [1,3,6] Scalar 7
        '1' [5,3,6] Scatter [0:5,0:3,0:3]
          0 Concat 0
            1 [2,3,3] Scalar 1.2
            2 [3,3,3] Scalar 1.2
        3 Add
          4 [3,1] Scatter [0:2,0:1]
            5 [2,1] Scalar 1
          '0'
          '1'
          'ein' Einsum abc->abc
            '1'
          '0'""";
    assertEquals(expected, Printer.repr(PrintOptions.defaults(), parsed));
    assertSameThree(circ, new Parser().parseCircuits(expected));
  }

  @Test
  void bijectionIndent() {
    Circuit circ = parse(MANY_BASE);
    List<String> variants = List.of("""
            # extra
            3 '0' [1, 3, 6] Scalar 7
            4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
              5 Concat 0
                6 [2, 3, 3] Scalar 1.2
                7 [3, 3, 3] Scalar 1.2
            # we can include newlines between

            0 Add
              1 [3, 1] Scatter [0:2,0:1]
                2 [2, 1] Scalar 1
              # now below is repeated
              3
              4
              8 'ein' Einsum abc->abc
                4
              3
            """, """
                # extra indent for no reason
                   # extra
                   3 '0' [1, 3, 6] Scalar 7
                   4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
                     5 Concat 0
                       6 [2, 3, 3] Scalar 1.2
                       7 [3, 3, 3] Scalar 1.2
                 # we can include newlines between

                   0 Add
                     1 [3, 1] Scatter [0:2,0:1]
                       2 [2, 1] Scalar 1
                     # now below is repeated
                     3
                     4
                     8 'ein' Einsum abc->abc
                       4
                     3
            """, """
                # extra
                   3 '0' [1, 3, 6] Scalar 7
                   4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
                     5 Concat 0
                       6 [2, 3, 3] Scalar 1.2
                       7 [3, 3, 3] Scalar 1.2
                 # we can include newlines between

                   0 Add
                     1 [3, 1] Scatter [0:2,0:1]
                       2 [2, 1] Scalar 1
                     # now below is repeated
                     3
                     4
                     8 'ein' Einsum abc->abc
                       4
                     3""", """
                   3 '0' [1, 3, 6] Scalar 7
                   4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
                     5 Concat 0
                       6 [2, 3, 3] Scalar 1.2
                       7 [3, 3, 3] Scalar 1.2
                   0 Add
                     1 [3, 1] Scatter [0:2,0:1]
                       2 [2, 1] Scalar 1
                     # now below is repeated
                     3
                     4
                     8 'ein' Einsum abc->abc
                       4
                     3""");
    for (String v : variants) {
      assertSameThree(circ, new Parser().parseCircuits(v));
    }
  }

  @Test
  void lessIndent() {
    ParseException e = parseError("""
            8 [2] Scalar 3
        0 Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1
          3 '0' [1, 3, 6] Scalar 7
        """);
    assertEquals(Reason.LESS_INDENTATION_THAN_FIRST_ITEM, e.reason());
    assertEquals(2, e.lineNumber());
  }

  @Test
  void invalidBang() {
    ParseException e = parseError("""
        0 Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1 ! hi
          3 '0' [1, 3, 6] Scalar 7
        """);
    assertEquals(Reason.UNEXPECTED_CHILD_INFO, e.reason());
    assertEquals(3, e.lineNumber());
    e = parseError("""
        0 Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1
          3 '0' [1, 3, 6] Scalar 7
          4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
            5 Concat 0
              6 [2, 3, 3] Scalar 1.2
              7 [3, 3, 3] Scalar 1.2
          8 'ein' Einsum abc->abc
            4 ! bye
          3
        """);
    assertEquals(Reason.UNEXPECTED_CHILD_INFO, e.reason());
    assertTrue(e.getMessage().contains("4 ! bye"), e.getMessage());
  }

  @Test
  void repeatedNames() {
    String stuff = """
        0 'hi' Add
          1 ' my' [3, 1] Scatter [0:2,0:1]
            2 '# 43' [2, 1] Scalar 1
          3 '1' [1, 3, 6] Scalar 7
          4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
            5 'name stuff  ' Concat 0
              6 'hi' [2, 3, 3] Scalar 1.2
              7 [3, 3, 3] Scalar 1.2
          8 'ein' Einsum abc->abc
            4
          3
          9 'eins' Einsum ab->
            2
          10 'einy' Einsum abc->
            6
        """;
    String expected = """
        0 'hi' Add
          ' my' [3,1] Scatter [0:2,0:1]
            '# 43' [2,1] Scalar 1
          1 '1' [1,3,6] Scalar 7
          2 '1' [5,3,6] Scatter [0:5,0:3,0:3]
            'name stuff  ' Concat 0
              3 'hi' [2,3,3] Scalar 1.2
              4 [3,3,3] Scalar 1.2
          'ein' Einsum abc->abc
            2 '1'
          1 '1'
          'eins' Einsum ab->
            '# 43'
          'einy' Einsum abc->
            3 'hi'""";
    assertEquals(expected, Printer.repr(parse(stuff)));
  }

  @Test
  void bijectionRef() {
    Map<String, Circuit> refs =
        Map.of("asdfadsf", Scalar.of(1.0, Shape.of(2, 1), "asdfadsf_the_referred"));
    Circuit c = new Parser(ParserOptions.defaults().withReferenceCircuits(refs)).parseCircuit("""
        0 [5, 3, 6] Add
          1 [3, 1] Scatter [0:2,0:1]
            'asdfadsf'
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 [5, 3, 3] Concat 0
              5 'sc1' [2, 3, 3] Scalar 1.0
              6 'sc2' [3, 3, 3] Scalar 1.0""");
    assertEquals("""
        0 Add
          1 [3,1] Scatter [0:2,0:1]
            'asdfadsf_the_referred' [2,1] Scalar 1
          2 [5,3,6] Scatter [0:5,0:3,0:3]
            3 Concat 0
              'sc1' [2,3,3] Scalar 1
              'sc2' [3,3,3] Scalar 1""", Printer.repr(c));
    // and the printer side: a node equal to a reference prints as its identifier
    String printed = Printer.repr(PrintOptions.defaults().withReferenceCircuits(refs), c);
    assertTrue(printed.contains("\n    'asdfadsf'\n"), printed);
    assertEquals(c, new Parser(ParserOptions.defaults().withReferenceCircuits(refs))
        .parseCircuit(printed));
  }

  @Test
  void bijectionErrorsCorrectly() {
    Map<String, Reason> cases = new java.util.LinkedHashMap<>();
    cases.put("0 [5, 3, 6] Add d", Reason.BAD_EXTRA);
    cases.put("0 [5, 3, 6] Add\n 1 [3, 1] Scalar 1.0", Reason.INVALID_INDENTATION);
    cases.put("0 [5, 3, 6] Add\n    1 [3, 1] Scalar 1.0", Reason.INVALID_INDENTATION);
    cases.put("0 [5, 3, 6] Add\n  1 [3,6] Scalar 1d", Reason.BAD_EXTRA);
    cases.put("0 [5, 3, 6] Add\n  1 [3,6] Index a[:3,:6]\n    2 [3,6] Scalar 1.0",
        Reason.BAD_EXTRA);
    cases.put("0 [5, 3, 6] Add\n  1 [3,6] Index [:3,:6]\n    2 [1,6] Scalar 1.0",
        Reason.CONSTRUCTION_FAILED);
    cases.forEach((s, reason) -> {
      ParseException e = assertThrows(ParseException.class, () -> parse(s), s);
      assertEquals(reason, e.reason(), e.getMessage());
    });
  }

  @Test
  void idByName() {
    List<String> strings = List.of("""
        0 'hi' Add
          1 ' my' [3, 1] Scatter [0:2,0:1]
            2 '# 43' [2, 1] Scalar 1
          3 '0' [1, 3, 6] Scalar 7
          4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
            5 'name stuff  ' Concat 0
              6 '###$' [2, 3, 3] Scalar 1.2
              7 [3, 3, 3] Scalar 1.2
          8 'ein' Einsum abc->abc
            4
          3
          9 'eins' Einsum ab->
            2
          10 'einy' Einsum abc->
            6
        """, """
        'hi' Add
          ' my' [3, 1] Scatter [0:2,0:1]
            '# 43' [2, 1] Scalar 1
          '0' [1, 3, 6] Scalar 7
          '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
            'name stuff  ' Concat 0
              '###$' [2, 3, 3] Scalar 1.2
              7 [3, 3, 3] Scalar 1.2
          'ein' Einsum abc->abc
            '1'
          '0'
          'eins' Einsum ab->
            '# 43'
          'einy' Einsum abc->
            '###$'
        """, """
        0 'hi' Add
          1 ' my' [3, 1] Scatter [0:2,0:1]
            '    totally different' '# 43' [2, 1] Scalar 1
          3 '0' [1, 3, 6] Scalar 7
          4 '1' [5, 3, 6] Scatter [0:5,0:3,0:3]
            5 'name stuff  ' Concat 0
              '###$' [2, 3, 3] Scalar 1.2
              7 [3, 3, 3] Scalar 1.2
          8 'ein' Einsum abc->abc
            4
          3
          9 'eins' Einsum ab->
            '    totally different'
          10 'einy' Einsum abc->
            '###$'
        """);
    Set<Circuit> circs = new HashSet<>();
    strings.forEach(s -> circs.add(parse(s)));
    assertEquals(1, circs.size());
  }

  @Test
  void cycleError() {
    ParseException e = parseError("""
        1 Add
          2 Add
            1
        """);
    assertEquals(Reason.CYCLE, e.reason());
  }

  @Test
  void fancy() {
    assertEquals(parse("""
        0 Einsum ab, ac -> a
          1 [3, 1] Scalar 1.0
          2 [3, 1] Scalar 1.5"""), parse("""
        0 Einsum fancy: first second, first third -> first
          1 [3, 1] Scalar 1.0
          2 [3, 1] Scalar 1.5"""));
    assertEquals(parse("""
        0 Einsum ab -> b
          1 [3, 1] Scalar 1.0"""), parse("""
        0 Einsum fancy:first second -> second
          1 [3, 1] Scalar 1.0"""));
  }

  @Test
  void namedAxes() {
    PrintOptions printer = PrintOptions.defaults().withShowAllNamedAxes(true);
    List<String> cases = List.of("""
        0 [large:3] Einsum ab,ac->a
          1 [large:3,small:1] Scalar 1
          2 [large:3,small:1] Scalar 1.5""", """
        0 [small:1,large:3] Einsum ab,cb->bc
          1 [large:3,small:1] Scalar 1
          2 [large:3,small:1] Scalar 1.5""", """
        0 [small:1,large:3] Einsum ab,cb->bc
          1 [3,1] Scalar 1
          2 [large:3,small:1] Scalar 1.5""", """
        0 [small:1,3] Einsum ab,cb->bc
          1 [3,1] Scalar 1
          2 [3,small:1] Scalar 1.5""", """
        0 [small:1,large:3] Einsum fancy: largerrr small, large small -> small large
          1 [largerrr:3,small:1] Scalar 1
          2 [large:3,small:1] Scalar 1.5""", """
        0 [small:1,large:3] Einsum fancy: largerrr small, large small -> small large
          1 [largerrr:3,small:1] Scalar 1
          2 [large:3,smaller:1] Scalar 1.5""");
    for (String s : cases) {
      assertEquals(s, Printer.repr(printer, parse(s)));
    }
  }

  // test_expand_symbolic.py::test_multiple_symbolic_product
  @Test
  void multipleSymbolicProduct() {
    List<Circuit> abd = new Parser().parseCircuits("""
        'a' [0s*0s*1s*3s] Symbol 07a8025a-d8ba-4c57-946d-cd7cc7e78a66
        'b' Rearrange a b c -> (a b c)
          'c' [1s, 3s, 1s] Symbol 0b108f80-b37f-4e2c-821f-45cbedcbde75
        'd' Rearrange a c -> (a c)
          'e' [1s, 1s] Symbol 3f8aaf28-58f8-44fc-8dbc-497844a5a837
        """);
    assertEquals("'a' [0s*0s*1s*3s] Symbol 07a8025a-d8ba-4c57-946d-cd7cc7e78a66",
        Printer.repr(abd.get(0)));
    PrintOptions shapes = PrintOptions.defaults().withShapeOnlyWhenNecessary(false);
    assertEquals("'b' [1s*1s*3s] Rearrange a b c -> (a b c)\n"
        + "  'c' [1s,3s,1s] Symbol 0b108f80-b37f-4e2c-821f-45cbedcbde75",
        Printer.repr(shapes, abd.get(1)));
    assertEquals("'d' [1s*1s] Rearrange a b -> (a b)\n"
        + "  'e' [1s,1s] Symbol 3f8aaf28-58f8-44fc-8dbc-497844a5a837",
        Printer.repr(shapes, abd.get(2)));
  }

  @Test
  void moreErrors() {
    assertEquals(Reason.WRONG_NUMBER_OF_ROOTS, assertThrows(ParseException.class,
        () -> parse("0 [2] Scalar 1\n1 [2] Scalar 2")).reason());
    assertEquals(Reason.UNKNOWN_IDENTIFIER, parseError("0 Add\n  7").reason());
    assertEquals(Reason.UNKNOWN_VARIANT, parseError("0 [2] Scalr 1").reason());
    assertEquals(Reason.UNSUPPORTED_VARIANT, parseError("0 Cumulant").reason());
    assertEquals(Reason.UNKNOWN_GENERAL_FUNCTION,
        parseError("0 GeneralFunction nope\n  1 [2] Scalar 1").reason());
    assertEquals(Reason.MISSING_SHAPE, parseError("0 Scalar 1").reason());
    assertEquals(Reason.SHAPE_MISMATCH, parseError("0 [3] Add\n  1 [2] Scalar 1").reason());
    assertEquals(Reason.REPEAT_WITH_CHILDREN,
        parseError("0 Add\n  1 [2] Scalar 1\n  1\n    2 [2] Scalar 3").reason());
    assertEquals(Reason.UNKNOWN_TENSOR, parseError("0 [2] Array 2f97b0bb06d4").reason());
    assertEquals(Reason.REGEX_DIDNT_MATCH, parseError("'unclosed [2] Scalar 1").reason());
    ParseException e = parseError("0 Add\n  1 [2] Scalar 1\n  2 [3] Scalar 1");
    assertEquals(Reason.CONSTRUCTION_FAILED, e.reason());
    assertEquals(1, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 1: "), e.getMessage());
  }
}
