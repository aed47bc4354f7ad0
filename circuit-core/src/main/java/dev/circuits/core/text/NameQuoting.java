package dev.circuits.core.text;

/** Quoting of names in the text format: {@code 'it\'s'}, backslashes doubled. */
public final class NameQuoting {
  private NameQuoting() {}

  /** Quotes and escapes a name: {@code it's} becomes {@code 'it\'s'}. */
  public static String quote(String name) {
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Undoes the escaping inside quotes: {@code \\} and {@code \'}; other backslashes are kept. */
  public static String unescape(String inside) {
    StringBuilder sb = new StringBuilder(inside.length());
    for (int i = 0; i < inside.length(); i++) {
      char c = inside.charAt(i);
      if (c == '\\' && i + 1 < inside.length()
          && (inside.charAt(i + 1) == '\\' || inside.charAt(i + 1) == '\'')) {
        sb.append(inside.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
