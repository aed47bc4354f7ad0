package dev.circuits.core;

import java.util.Arrays;

/** A circuit's hash as a map key (cheaper and safer than keying on the circuit itself). */
public record HashKey(byte[] bytes) {
  /** The key of a circuit. */
  public static HashKey of(Circuit c) {
    return new HashKey(c.rawHash());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
