package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Module substitution: batching, symbolic resizing, shadowing and the arg-spec checks. */
class ModuleTest {
  private static final long S0 = SymbolicSizes.symbol(0);

  private static Symbol sym(String name, long... dims) {
    return Symbol.of(Shape.of(dims), UUID.nameUUIDFromBytes(name.getBytes()), name);
  }

  @Test
  void symbolicSizesResizeToArgs() {
    Symbol x = sym("x", S0);
    Symbol w = sym("w", S0);
    Einsum dot = Einsum.fromString("a,a->", List.of(x, w), "dot");
    ModuleSpec spec = ModuleSpec.of(dot, x, w);
    Module m = Module.of(spec, List.of(Scalar.of(1, Shape.of(4), "xv"), Scalar.of(2, Shape.of(4),
        "wv")), "call");
    assertEquals(Shape.scalar(), m.shape());
    assertTrue(m.isExplicitlyComputable());
    assertTrue(m.freeSymbols().isEmpty());
    assertEquals("call", m.substitute().name());
  }

  @Test
  void argsAddRightAlignedBatchDims() {
    Symbol x = sym("x", S0);
    Symbol w = sym("w", S0);
    ModuleSpec spec = ModuleSpec.of(Einsum.fromString("a,a->", List.of(x, w), "dot"), x, w);
    Module batched = Module.of(spec, List.of(Scalar.of(1, Shape.of(7, 4), "xv"), Scalar.of(2,
        Shape.of(4), "wv")), null);
    assertEquals(Shape.of(7), batched.shape());
    Module both = Module.of(spec, List.of(Scalar.of(1, Shape.of(5, 7, 4), "xv"), Scalar.of(2,
        Shape.of(7, 4), "wv")), null);
    assertEquals(Shape.of(5, 7), both.shape());
    ConstructException e = assertThrows(ConstructException.class,
        () -> Module.of(spec, List.of(Scalar.of(1, Shape.of(5, 4), "xv"), Scalar.of(2, Shape.of(6,
        4), "wv")), "bad"));
    assertEquals(ConstructException.Rule.MODULE_BATCH_MISMATCH, e.rule());
  }

  @Test
  void unusedBatchGetsRepeated() {
    Symbol x = sym("x", 3);
    Symbol y = sym("y", 3);
    // y is bound but the body only reads x's batch-free part: output must still carry y's batch
    ModuleSpec spec = ModuleSpec.of(Add.of(x, Scalar.of(0, Shape.of(3), "z")), x);
    Module m = Module.of(spec, List.of(Scalar.of(1, Shape.of(2, 3), "xv")), "m");
    assertEquals(Shape.of(2, 3), m.shape());
    assertEquals(List.of(), List.copyOf(m.freeSymbols()));
    assertTrue(y.freeSymbols().contains(y));
  }

  @Test
  void argSpecChecks() {
    Symbol x = sym("x", 3);
    ModuleSpec spec = ModuleSpec.of(Add.of(x, x), x);
    assertEquals(ConstructException.Rule.MODULE_ARG_SHAPE_MISMATCH,
        assertThrows(ConstructException.class,
            () -> Module.of(spec, List.of(Scalar.of(1, Shape.of(4), null)), null)).rule());
    ModuleSpec loose = ModuleSpec.of(Add.of(x, x), List.of(ModuleArgSpec.justNameShape(x)), true,
        false);
    assertEquals(Shape.of(4), Module.of(loose, List.of(Scalar.of(1, Shape.of(4), null)),
        null).shape());
    ModuleSpec noBatch = ModuleSpec.of(Add.of(x, x),
        List.of(new ModuleArgSpec(x, false, true, true)), true, false);
    assertThrows(ConstructException.class,
        () -> Module.of(noBatch, List.of(Scalar.of(1, Shape.of(2, 3), null)), null));
    assertEquals(ConstructException.Rule.MODULE_UNUSED_ARG, assertThrows(
        ConstructException.class, () -> ModuleSpec.of(Scalar.of(1), x)).rule());
  }

  @Test
  void innerBindingShadowsOuter() {
    Symbol x = sym("x", 3);
    ModuleSpec inner = ModuleSpec.of(Add.of(x, Scalar.of(1, Shape.of(3), "one")), x);
    Module innerCall = Module.of(inner, List.of(Scalar.of(5, Shape.of(3), "five")), "inner");
    // the outer module binds x too, but the inner call already bound it: x is unused outside
    Circuit body = Add.of(innerCall, x);
    ModuleSpec outer = ModuleSpec.of(body, x);
    Module m = Module.of(outer, List.of(Scalar.of(7, Shape.of(3), "seven")), "outer");
    Circuit sub = Substitution.substituteAll(m);
    assertTrue(sub.postOrder().stream().noneMatch(n -> n instanceof Symbol), sub.toString());
    assertTrue(sub.postOrder().stream().anyMatch(n -> "five".equals(n.name())));
    assertTrue(sub.postOrder().stream().anyMatch(n -> "seven".equals(n.name())));
  }
}
