package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;

/** rust_circuit's naming rules for rewrites: keep inner names, else the outer equivalent's name. */
final class Names {
  private Names() {}

  /**
   * {@code built} carrying {@code like}'s name, auto-name flag and (when the shape is the same)
   * named axes; an unnamed {@code like} stays unnamed.
   */
  static Circuit keep(Circuit built, Circuit like) {
    Circuit out = built.rename(like.name()).withUseAutoname(like.useAutoname());
    return out.shape().equals(like.shape()) ? out.withNamedAxes(like.namedAxes()) : out;
  }

  /** {@code name + suffix}, or null when {@code name} is null. */
  static String suffixed(String name, String suffix) {
    return name == null ? null : name + suffix;
  }
}
