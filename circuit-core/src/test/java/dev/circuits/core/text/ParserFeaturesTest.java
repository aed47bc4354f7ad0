package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.text.ParseException.Reason;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parser behaviour beyond the upstream goldens: random tensors, bindings, references, errors. */
class ParserFeaturesTest {
  @Test
  void randomTensorsAreSeededAndShaped() {
    String text = "0 Add\n  1 [2,3] Array 0123456789abcdef01234567\n  2 [2,3] Array rand";
    Parser p = new Parser(ParserOptions.defaults().withTensorsAsRandom(true, 42));
    Circuit a = p.parseCircuit(text);
    assertEquals(a, p.parseCircuit(text));
    assertEquals(Shape.of(2, 3), a.child(0).shape());
    assertNotEquals(a.child(0), a.child(1));
    assertNotEquals(a, new Parser(ParserOptions.defaults().withTensorsAsRandom(true, 43))
        .parseCircuit(text));
    assertEquals(Reason.UNKNOWN_TENSOR, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit(text)).reason());
    assertEquals(Reason.MISSING_SHAPE, assertThrows(ParseException.class,
        () -> p.parseCircuit("0 Array rand")).reason());
  }

  @Test
  void randomSymbolUuid() {
    Circuit s = new Parser().parseCircuit("'s' [2] Symbol rand");
    assertNotEquals(Symbol.NIL, ((Symbol) s).uuid());
    assertEquals(Symbol.NIL, ((Symbol) new Parser().parseCircuit("'s' [2] Symbol")).uuid());
  }

  @Test
  void moduleBindingASymbolOnlyInTheChildInfo() {
    Symbol used = Symbol.of(Shape.of(2), new UUID(1, 2), "used");
    Symbol unused = Symbol.of(Shape.of(3), new UUID(3, 4), "unused");
    Circuit body = Add.of(List.of(used, Scalar.of(1, Shape.of(2), "one")), "body");
    Module m = Module.of(ModuleSpec.of(body, List.of(ModuleArgSpec.of(used),
        new ModuleArgSpec(unused, false, true, true)), false, false),
            List.of(Scalar.of(2, Shape.of(2), "x"), Scalar.of(3, Shape.of(3), "y")), "m");
    String text = Printer.repr(m);
    assertTrue(text.contains("'y' [3] Scalar 3 ! 'unused' [3] Symbol "
        + "00000000-0000-0003-0000-000000000004 ftt"), text);
    Parser lenient = new Parser(ParserOptions.defaults().withModuleCheckAllInputsUsed(false));
    assertEquals(m, lenient.parseCircuit(text));
    ParseException e = assertThrows(ParseException.class, () -> new Parser().parseCircuit(text));
    assertEquals(Reason.CONSTRUCTION_FAILED, e.reason());
  }

  @Test
  void moduleErrors() {
    assertEquals(Reason.MODULE_ARG_WITHOUT_BINDING, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit("""
            'm' Module
              'a' [2] Symbol
              'x' [2] Scalar 1""")).reason());
    assertEquals(Reason.MODULE_EXPECTED_SYMBOL, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit("""
            'm' Module
              'a' [2] Symbol
              'x' [2] Scalar 1 ! 'x'""")).reason());
    assertEquals(Reason.UNEXPECTED_CHILD_INFO, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit("""
            'm' Module
              'a' [2] Symbol ! 'a'
              'x' [2] Scalar 1 ! 'a'""")).reason());
    assertEquals(Reason.PARENT_INFO_WITHOUT_PARENT, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit("'x' [2] Scalar 1 ! 'a'")).reason());
  }

  @Test
  void referenceCircuitsByNameAndTheirErrors() {
    Circuit ref = Scalar.of(1, Shape.of(2), "shared");
    ParserOptions opts = ParserOptions.defaults().withReferenceCircuitsByName(List.of(ref));
    Circuit c = new Parser(opts).parseCircuit("'a' Add\n  'shared'\n  'shared'");
    assertEquals(Add.of(List.of(ref, ref), "a"), c);
    String printed = Printer.repr(PrintOptions.defaults().withReferenceCircuitsByName(
        List.of(ref)), c);
    assertEquals("'a' Add\n  'shared'\n  'shared'", printed);
    assertEquals(Reason.REFERENCE_WITH_INFO, assertThrows(ParseException.class,
        () -> new Parser(opts).parseCircuit("'a' Add\n  'shared' [2] Scalar 1")).reason());
    assertEquals(Reason.REFERENCE_WITH_CHILDREN, assertThrows(ParseException.class,
        () -> new Parser(opts).parseCircuit("'a' Add\n  'shared'\n    'b' [2] Scalar 1"))
        .reason());
  }

  @Test
  void repeatChecksCanBeTurnedOff() {
    String text = "0 Add\n  1 'x' [2] Scalar 1\n  1 'y'";
    assertEquals(Reason.REPEAT_INFO_NOT_SAME, assertThrows(ParseException.class,
        () -> new Parser().parseCircuit(text)).reason());
    Circuit c = new Parser(ParserOptions.defaults().withOnRepeatCheckInfoSame(false))
        .parseCircuit(text);
    assertEquals("x", c.child(1).name());
  }

  @Test
  void errorMessagesNameTheLine() {
    ParseException e = assertThrows(ParseException.class,
        () -> new Parser().parseCircuit("0 Add\n  1 [2] Scalar 1\n  2 [2] Scalar nope"));
    assertEquals(3, e.lineNumber());
    assertEquals("  2 [2] Scalar nope", e.line());
    assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
    assertTrue(e.getMessage().contains("  2 [2] Scalar nope"), e.getMessage());
  }

  @Test
  void escapedNamesRoundTrip() {
    for (String name : List.of("it's", "back\\slash", "\\'", "a' 'b", "'", "\\", "# not a comment",
        "trailing\\", "x ! y")) {
      Circuit c = Add.of(List.of(Scalar.of(1, Shape.of(2), name + "!")), name);
      assertEquals(c, new Parser().parseCircuit(Printer.repr(c)), Printer.repr(c));
    }
  }

  @Test
  void arraysGoToTheSinkOnlyWhenBijective() {
    java.util.List<Array> sunk = new java.util.ArrayList<>();
    Array a = Array.of(org.nd4j.linalg.factory.Nd4j.ones(2), "w");
    Printer.repr(PrintOptions.defaults().withTensorSink(sunk::add), Add.of(a, a));
    assertEquals(List.of(a), sunk);
    assertEquals("0 Add\n  w [2] Array\n  w", Printer.repr(PrintOptions.defaults()
        .withBijection(false).withTensorSink(sunk::add), Add.of(a, a).rename(null)));
    assertEquals(1, sunk.size());
  }
}
