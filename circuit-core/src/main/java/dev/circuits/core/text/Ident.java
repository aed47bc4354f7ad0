package dev.circuits.core.text;

/** A line identifier: a serial number ({@code 3}) or a quoted string ({@code 'name'}). */
record Ident(boolean numeric, String text) {
  static Ident number(long n) {
    return new Ident(true, Long.toString(n));
  }

  static Ident string(String s) {
    return new Ident(false, s);
  }

  @Override
  public String toString() {
    return numeric ? text : NameQuoting.quote(text);
  }
}
