package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.List;

/** A constant-filled tensor of any shape. */
public final class Scalar extends Circuit {
  private final double value;

  private Scalar(double value, Shape shape, Naming naming) {
    super(List.of(), shape, naming, () -> null);
    this.value = value;
  }

  /** A scalar {@code value} broadcast to {@code shape}. */
  public static Scalar of(double value, Shape shape, String name) {
    return new Scalar(value, shape, Naming.of(name));
  }

  /** A rank-0 scalar. */
  public static Scalar of(double value) {
    return of(value, Shape.scalar(), null);
  }

  @Override
  public Kind kind() {
    return Kind.SCALAR;
  }

  /** The fill value. */
  public double value() {
    return value;
  }

  /** Whether the value is exactly zero (either sign). */
  public boolean isZero() {
    return value == 0.0;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.f64(value);
    for (long d : shape().toArray()) {
      hb.u64(d);
    }
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Scalar(value, shape(), naming);
  }
}
