package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.List;

/**
 * A random variable uniformly (or per {@code probsAndGroup}) choosing one row of {@code values}.
 * Vars sharing the same {@code probsAndGroup} circuit are sampled jointly.
 */
public final class DiscreteVar extends Circuit {
  private DiscreteVar(Circuit values, Circuit probsAndGroup, Naming naming) {
    super(List.of(values, probsAndGroup), shapeOf(values, probsAndGroup), naming,
        () -> AutoNames.postfix(Kind.DISCRETE_VAR, values, "var"), false, false, true);
  }

  private static Shape shapeOf(Circuit values, Circuit probs) {
    if (values.rank() < 1) {
      throw new ConstructException(ConstructException.Rule.DISCRETE_VAR_INVALID,
          "DiscreteVar values " + values.describe() + " need a leading samples axis");
    }
    if (probs.rank() != 1 || probs.shape().get(0) != values.shape().get(0)) {
      throw new ConstructException(ConstructException.Rule.DISCRETE_VAR_INVALID,
          "DiscreteVar probs_and_group " + probs.describe() + " must be 1-d of length "
              + values.shape().get(0) + " (the number of samples in " + values.describe() + ")");
    }
    return values.shape().drop(1);
  }

  /** A var over the rows of {@code values} with the given probabilities-and-group circuit. */
  public static DiscreteVar of(Circuit values, Circuit probsAndGroup, String name) {
    return new DiscreteVar(values, probsAndGroup, Naming.of(name));
  }

  /** A uniform var with its own fresh group. */
  public static DiscreteVar uniform(Circuit values, String name) {
    return of(values, uniformProbsAndGroup(values.shape().get(0)), name);
  }

  /** A fresh group of {@code n} uniform probabilities: {@code Tag(random uuid, Scalar(1/n,[n]))}. */
  public static Tag uniformProbsAndGroup(long n) {
    return Tag.newWithRandomUuid(Scalar.of(1.0 / n, Shape.of(n), null), null);
  }

  @Override
  public Kind kind() {
    return Kind.DISCRETE_VAR;
  }

  /** The sample values {@code [n, ...]}. */
  public Circuit values() {
    return child(0);
  }

  /** The probabilities-and-group circuit (shared by jointly sampled vars). */
  public Circuit probsAndGroup() {
    return child(1);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {}

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new DiscreteVar(newChildren.get(0), newChildren.get(1), naming);
  }
}
