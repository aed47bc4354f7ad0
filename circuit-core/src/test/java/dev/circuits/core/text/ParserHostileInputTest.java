package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.ConstructException;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.eval.EvaluationException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.text.ParseException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Issue 15: inputs that used to end in a stack trace or were accepted without a word. */
class ParserHostileInputTest {
  private static final Parser RANDOM = new Parser(ParserOptions.defaults()
      .withTensorsAsRandom(true, 0));

  /** {@code 'n0' Add / 'n1' Add / ... / leaf}, {@code depth} Adds deep. */
  static String nested(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("  ".repeat(i)).append("'n").append(i).append("' Add\n");
    }
    return sb.append("  ".repeat(depth)).append("'leaf' [2] Scalar 1\n").toString();
  }

  private static ParseException fails(Parser parser, String text, Reason reason) {
    ParseException e = assertThrows(ParseException.class, () -> parser.parseCircuits(text));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  @Test
  void nestingThousandsOfLevelsParsesPrintsHashesAndEvaluates() {
    int depth = 3000;
    Circuit c = new Parser().parseCircuit(nested(depth));
    Circuit expected = Scalar.of(1, Shape.of(2), "leaf");
    for (int i = depth - 1; i >= 0; i--) {
      expected = Add.of(List.of(expected), "n" + i);
    }
    assertEquals(expected, c);
    assertEquals(expected.hashHex(), c.hashHex());
    String printed = Printer.repr(c);
    assertEquals(c, new Parser().parseCircuit(printed));
    assertEquals(Nd4j.ones(2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
        Evaluator.create().evaluate(c));
  }

  @Test
  void deepCyclesAreStillFound() {
    ParseException e = fails(new Parser(), nested(3000).replace("'leaf' [2] Scalar 1", "'n5'"),
        Reason.CYCLE);
    assertTrue(e.getMessage().contains("'n5'"), e.getMessage());
  }

  @Test
  void namesOfAnyLengthParse() {
    for (int length : new int[] {3000, 200_000}) {
      String name = "x".repeat(length);
      Circuit c = new Parser().parseCircuit("'" + name + "' [2] Scalar 1");
      assertEquals(name, c.name());
      String escaped = "it's\\".repeat(length / 5);
      Circuit d = Add.of(List.of(Scalar.of(1, Shape.of(2), name)), escaped);
      assertEquals(d, new Parser().parseCircuit(Printer.repr(d)));
    }
  }

  @Test
  void longExtrasParseOrFailTypedWithShortMessages() {
    int n = 20_000;
    for (String text : new String[] {
        "'r' Rearrange (" + "a ".repeat(n) + ") -> a\n  'x' [2] Scalar 1",
        "'r' Rearrange a -> a:" + "2*".repeat(n) + "2\n  'x' [2] Scalar 1",
        "'r' Rearrange " + "(".repeat(n) + "a" + ")".repeat(n) + " -> a\n  'x' [2] Scalar 1",
        "'e' Einsum " + "a".repeat(n) + "->a\n  'x' [2] Scalar 1",
        "'i' [2] Index [" + "0,".repeat(n) + "0]\n  'x' [2] Scalar 1",
        "'g' GeneralFunction gen_index_at_" + "1".repeat(n) + "\n  'x' [2] Scalar 1",
        "'s' [2] Symbol " + "a".repeat(n)}) {
      ParseException e = assertThrows(ParseException.class, () -> RANDOM.parseCircuits(text));
      assertTrue(e.getMessage().length() < 3_000, e.getMessage().length() + " characters");
      assertTrue(e.getMessage().contains("characters)"), e.getMessage());
    }
    StringBuilder in = new StringBuilder();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      in.append(" x").append(i).append(":1");
      out.append(" x").append(i);
    }
    Circuit r = RANDOM.parseCircuit("'r' Rearrange (" + in + ") ->" + out
        + "\n  'x' [1] Scalar 1");
    assertEquals(300, r.rank());
  }

  @Test
  void hugeRandomArraysAreATypedErrorNamingTheShape() {
    for (String shape : new String[] {"100000000000", "100000,100000", "2147483648",
        "4611686018427387904,4"}) {
      ParseException e = fails(RANDOM, "'a' [" + shape + "] Array rand", Reason.CONSTRUCTION_FAILED);
      ConstructException cause = assertInstanceOf(ConstructException.class, e.getCause());
      assertEquals(ConstructException.Rule.ARRAY_INVALID, cause.rule());
      assertTrue(e.getMessage().contains("too large") && e.getMessage().contains("'a'"),
          e.getMessage());
    }
  }

  @Test
  void negativeAndMalformedSizesAreInvalidShapes() {
    ParseException e = fails(new Parser(), "'a' [-1] Scalar 1", Reason.INVALID_SHAPE);
    assertTrue(e.getMessage().contains("negative size -1"), e.getMessage());
    fails(new Parser(), "'a' [2,x] Scalar 1", Reason.INVALID_SHAPE);
    fails(new Parser(), "'a' [99999999999999999999] Scalar 1", Reason.INVALID_SHAPE);
    fails(new Parser(), "'a' [2 Scalar 1", Reason.INVALID_SHAPE);
  }

  @Test
  void valuesTooLargeToHoldAreATypedEvaluationError() {
    for (String shape : new String[] {"100000,100000", "3000000000,3000000000,3000000000"}) {
      Circuit c = new Parser().parseCircuit("'a' [" + shape + "] Scalar 1");
      EvaluationException e = assertThrows(EvaluationException.class,
          () -> Evaluator.create().evaluate(c));
      assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("off-heap")
          || e.getMessage().contains("2^63"), e.getMessage());
    }
  }

  @Test
  void nonHexArrayHashIsRejectedEvenWithRandomTensors() {
    ParseException e = fails(RANDOM, "'a' [2] Array not-a-hash", Reason.BAD_EXTRA);
    assertTrue(e.getMessage().contains("not-a-hash") && e.getMessage().contains("hex"),
        e.getMessage());
    fails(RANDOM, "'a' [2] Array " + "a".repeat(65), Reason.BAD_EXTRA);
    assertEquals(Shape.of(2), RANDOM.parseCircuit("'a' [2] Array 0123abcd").shape());
  }

  @Test
  void aSymbolBoundTwiceInOneModuleIsRejected() {
    ParseException e = fails(new Parser(), """
        'm' Module
          'body' Add
            's' [2] Symbol 00000000-0000-0000-0000-000000000001
          'x' [2] Scalar 1 ! 's'
          'y' [2] Scalar 2 ! 's'""", Reason.CONSTRUCTION_FAILED);
    ConstructException cause = assertInstanceOf(ConstructException.class, e.getCause());
    assertEquals(ConstructException.Rule.MODULE_DUPLICATE_ARG_NAME, cause.rule());
    assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("bound twice"),
        e.getMessage());
  }
}
