package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;

/** rust_circuit's naming rules for rewrites: keep inner names, else the outer equivalent's name. */
final class Names {
  private Names() {}

  /** {@code built} carrying {@code like}'s name and auto-name flag (an unnamed {@code like} stays unnamed). */
  static Circuit keep(Circuit built, Circuit like) {
    return built.rename(like.name()).withUseAutoname(like.useAutoname());
  }

  /** {@code name + suffix}, or null when {@code name} is null. */
  static String suffixed(String name, String suffix) {
    return name == null ? null : name + suffix;
  }
}
