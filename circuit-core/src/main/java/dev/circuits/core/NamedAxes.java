package dev.circuits.core;

/** Rules for axis names: no whitespace, brackets or colons (they would break the text format). */
final class NamedAxes {
  private NamedAxes() {}

  static void validate(String axisName) {
    if (axisName.isEmpty() || axisName.chars().anyMatch(ch -> Character.isWhitespace(ch)
        || ch == '[' || ch == ']' || ch == ':' || ch == ',')) {
      throw new ConstructException(ConstructException.Rule.NAMED_AXIS_INVALID,
          "axis name '" + axisName + "' must be non-empty without whitespace, '[', ']', ':' or ','");
    }
  }
}
