package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.factory.Nd4j;

/** Simplification rules for GeneralFunction nodes, in rust_circuit's order. */
final class GeneralFunctionRules {
  private GeneralFunctionRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("generalfunction_merge_inverses", GeneralFunctionRules::mergeInverses),
        rule("generalfunction_special_case_simplification", GeneralFunctionRules::specialCases),
        rule("generalfunction_evaluate_simple", GeneralFunctionRules::evaluateSimple));
  }

  private static SimpRule rule(String name, Function<GeneralFunction, RuleResult> body) {
    return SimpRule.of(name, Kind.GENERAL_FUNCTION, GeneralFunction.class, false, body);
  }

  static RuleResult mergeInverses(GeneralFunction g) {
    if (g.spec() == SimpleFunction.RECIPROCAL && g.child(0) instanceof GeneralFunction inner
        && inner.spec() == SimpleFunction.RECIPROCAL) {
      return RuleResult.applied(inner.child(0));
    }
    return RuleResult.no(() -> g.describe() + " is not reciprocal(reciprocal(x))");
  }

  static RuleResult specialCases(GeneralFunction g) {
    Circuit x = g.child(0);
    if ((g.spec() == SimpleFunction.SOFTMAX || g.spec() == SimpleFunction.LOG_SOFTMAX)
        && x instanceof Scalar) {
      double p = 1.0 / x.shape().get(-1);
      double v = g.spec() == SimpleFunction.SOFTMAX ? p : Math.log(p);
      return RuleResult.applied(Names.keep(Scalar.of(v, g.shape(), g.name()), g));
    }
    if (g.spec() == SimpleFunction.LAST_DIM_SIZE && !SymbolicSizes.isSymbolic(x.shape().get(-1))) {
      return RuleResult.applied(Names.keep(Scalar.of(x.shape().get(-1),
          x.shape().slice(0, x.rank() - 1), g.name()), g));
    }
    return RuleResult.no(() -> g.describe() + " is not softmax/log_softmax of a Scalar nor"
        + " last_dim_size of a concrete shape");
  }

  static RuleResult evaluateSimple(GeneralFunction g) {
    if (g.spec() instanceof SimpleFunction f && g.rank() == 0
        && g.shapeInfo().numNonBatchableOutputDims() == 0 && g.child(0) instanceof Scalar s
        && s.rank() == 0) {
      double v = f.evaluate(List.of(Nd4j.scalar(s.value()))).getDouble(0);
      return RuleResult.applied(Names.keep(Scalar.of(v, Shape.scalar(), g.name()), g));
    }
    return RuleResult.no(() -> g.describe() + " is not a rank-0 simple function of a rank-0"
        + " Scalar");
  }
}
