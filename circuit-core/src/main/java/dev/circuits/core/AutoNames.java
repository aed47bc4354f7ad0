package dev.circuits.core;

import java.util.List;
import java.util.stream.Collectors;

/** rust_circuit's auto-naming: operator-style names with priority-based parentheses. */
final class AutoNames {
  private static final int CHILD_NAME_MAX_LEN = 100;

  private enum Priority { INFIX_0, INFIX_1, INFIX_AMBIGUOUS, POSTFIX, FUNCTION, NOT_OPERATOR }

  private AutoNames() {}

  private static Priority priorityOf(Kind k) {
    return switch (k) {
      case ADD -> Priority.INFIX_0;
      case EINSUM -> Priority.INFIX_1;
      case CONCAT -> Priority.INFIX_AMBIGUOUS;
      case REARRANGE, INDEX, SCATTER, TAG, DISCRETE_VAR, SET_SYMBOLIC_SHAPE -> Priority.POSTFIX;
      case GENERAL_FUNCTION, MODULE -> Priority.FUNCTION;
      case ARRAY, SYMBOL, SCALAR -> Priority.NOT_OPERATOR;
    };
  }

  private static boolean infix(Priority p) {
    return p == Priority.INFIX_0 || p == Priority.INFIX_1;
  }

  static boolean needsParens(Kind parent, Kind child) {
    Priority p = priorityOf(parent);
    Priority c = priorityOf(child);
    if (p == Priority.NOT_OPERATOR || p == Priority.FUNCTION) {
      return false;
    }
    if (c == Priority.NOT_OPERATOR || c == Priority.FUNCTION) {
      return false;
    }
    if (p == Priority.POSTFIX) {
      return c != Priority.POSTFIX;
    }
    if (c == Priority.POSTFIX) {
      return false;
    }
    if (p == Priority.INFIX_AMBIGUOUS) {
      return true;
    }
    if (c == Priority.INFIX_AMBIGUOUS) {
      return true;
    }
    return infix(p) && infix(c) && p.ordinal() > c.ordinal();
  }

  private static String withParens(Kind parent, Circuit child) {
    return needsParens(parent, child.kind()) ? "(" + child.name() + ")" : child.name();
  }

  private static String shorten(String name) {
    return name.length() > CHILD_NAME_MAX_LEN ? name.substring(0, CHILD_NAME_MAX_LEN) + "..." : name;
  }

  /** {@code a + b}, {@code a * b}, {@code a ++ b}; null when a child is unnamed. */
  static String infix(Kind parent, String op, List<Circuit> children) {
    if (children.stream().anyMatch(c -> !c.isNamed())) {
      return null;
    }
    return children.stream().map(c -> shorten(withParens(parent, c)))
        .collect(Collectors.joining(op));
  }

  /** {@code x rearrange}, {@code x idx}, ...; null when the child is unnamed. */
  static String postfix(Kind parent, Circuit child, String suffix) {
    return child.isNamed() ? withParens(parent, child) + " " + suffix : null;
  }

  /** {@code f(x, y)}; null when a child is unnamed. */
  static String function(String fn, List<Circuit> args) {
    if (args.stream().anyMatch(c -> !c.isNamed())) {
      return null;
    }
    return fn + "(" + args.stream().map(c -> shorten(c.name())).collect(Collectors.joining(", "))
        + ")";
  }
}
