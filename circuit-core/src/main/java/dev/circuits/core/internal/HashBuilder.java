package dev.circuits.core.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.commons.codec.digest.Blake3;

/** Feeds the little-endian byte encodings rust_circuit hashes into a blake3 hasher. */
public final class HashBuilder {
  private final Blake3 hasher = Blake3.initHash();
  private final ByteBuffer scratch = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

  /** Appends raw bytes. */
  public HashBuilder bytes(byte[] b) {
    hasher.update(b);
    return this;
  }

  /** Appends one byte. */
  public HashBuilder u8(int b) {
    hasher.update(new byte[] {(byte) b});
    return this;
  }

  /** Appends a boolean as one byte. */
  public HashBuilder bool(boolean b) {
    return u8(b ? 1 : 0);
  }

  /** Appends an unsigned 64-bit or signed 64-bit integer, little-endian. */
  public HashBuilder u64(long v) {
    scratch.clear();
    scratch.putLong(v);
    hasher.update(scratch.array(), 0, 8);
    return this;
  }

  /** Appends an IEEE double, little-endian. */
  public HashBuilder f64(double v) {
    return u64(Double.doubleToRawLongBits(v));
  }

  /** Appends the 16 raw bytes of a UUID. */
  public HashBuilder uuid(UUID u) {
    scratch.clear();
    scratch.order(ByteOrder.BIG_ENDIAN).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    scratch.order(ByteOrder.LITTLE_ENDIAN);
    hasher.update(scratch.array(), 0, 16);
    return this;
  }

  /** Appends UTF-8 string bytes (no length prefix). */
  public HashBuilder utf8(String s) {
    hasher.update(s.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Finishes and returns the 32-byte digest. */
  public byte[] digest() {
    byte[] out = new byte[32];
    hasher.doFinalize(out);
    return out;
  }

  /** Converts a UUID string constant. */
  public static UUID uuidOf(String s) {
    return UUID.fromString(s);
  }
}
