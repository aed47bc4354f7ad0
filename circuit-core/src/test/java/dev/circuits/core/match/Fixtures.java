package dev.circuits.core.match;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import java.util.UUID;

/** The small circuits of rust_circuit's {@code test_rust_get_update.py}, plus a module fixture. */
final class Fixtures {
  private Fixtures() {}

  static Scalar scalar(double v, String name, long... shape) {
    return Scalar.of(v, Shape.of(shape), name);
  }

  /** {@code Scalar(1.0, (1,2), "a_name")}. */
  static final Scalar A_NAME = scalar(1.0, "a_name", 1, 2);
  /** {@code Scalar(2.0, (2,3), "b_other")}. */
  static final Scalar B_OTHER = scalar(2.0, "b_other", 2, 3);
  /** {@code Einsum("ab,bc->ac", a, b)} (auto-named). */
  static final Einsum AB = Einsum.fromString("ab,bc->ac", List.of(A_NAME, B_OTHER), null);

  /** The "added" circuit of test_get / test_update_branching: {@code fin = ein + soft(ein)}. */
  static final class Added {
    final Scalar a = scalar(1.0, "a", 1, 2);
    final Scalar b = scalar(2.0, "b", 2, 3);
    final Einsum ein = Einsum.fromString("ij,jk->ik", List.of(a, b), "ein");
    final GeneralFunction soft = GeneralFunction.of(SimpleFunction.SOFTMAX, ein, "soft");
    final Add fin = Add.of(List.of(ein, soft), "fin");
  }

  static Symbol sym(String name, long... shape) {
    return Symbol.of(Shape.of(shape), UUID.nameUUIDFromBytes(name.getBytes()), name);
  }

  /**
   * Two module calls under one Add: {@code m.norm = ln(m.norm.input, m.ln.w.bias, m.ln.w.scale)}
   * (spec circuit {@code ln}, arg symbols {@code ln.input, ln.w.bias, ln.w.scale}) and
   * {@code a.norm_call = a(a.norm)} (spec {@code a}, arg symbol {@code a.input}).
   */
  static final class Modules {
    final Symbol lnInput = sym("ln.input", 17);
    final Symbol lnBias = sym("ln.w.bias", 17);
    final Symbol lnScale = sym("ln.w.scale", 17);
    final Circuit ln = Einsum.fromString("a,a->a",
        List.of(Add.of(List.of(lnInput, lnBias), "ln.centred"), lnScale), "ln");
    final Module mNorm = Module.of(ModuleSpec.of(ln, lnInput, lnBias, lnScale),
        List.of(scalar(1, "m.norm.input", 17), scalar(2, "m.ln.w.bias", 17),
        scalar(3, "m.ln.w.scale", 17)), "m.norm");
    final Symbol aInput = sym("a.input", 17);
    final Circuit aSpec = Add.of(List.of(aInput, scalar(4, "a.bias", 17)), "a");
    final Circuit aNorm = scalar(5, "a.norm", 17);
    final Module aCall = Module.of(ModuleSpec.of(aSpec, aInput), List.of(aNorm), "a.norm_call");
    final Add root = Add.of(List.of(mNorm, aCall), "root");
  }
}
