package dev.circuits.core.util;

/** Short forms of (possibly huge) inputs for error messages. */
public final class Texts {
  /** How many characters of an input a message quotes. */
  public static final int MAX_QUOTED = 200;

  private Texts() {}

  /** {@code s}, or its first {@value #MAX_QUOTED} characters and how long it is. */
  public static String clip(String s) {
    return s.length() <= MAX_QUOTED ? s
        : s.substring(0, MAX_QUOTED) + "... (" + s.length() + " characters)";
  }
}
