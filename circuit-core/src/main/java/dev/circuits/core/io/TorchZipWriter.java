package dev.circuits.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes an uncompressed zip the way PyTorch's stream writer does: every entry stored, its data
 * aligned to 64 bytes by an {@code FB} extra field padded with {@code Z}, then the central
 * directory. No zip64: the archive must stay below 4 GiB.
 */
final class TorchZipWriter {
  private static final int ALIGNMENT = 64;
  private static final int LOCAL_HEADER = 30;
  private static final int EXTRA_HEADER = 4;
  private static final long MAX_SIZE = 0xFFFF_FFFFL;

  private record Entry(String name, long offset, long size, long crc) {}

  private final FileChannel channel;
  private final String where;
  private final List<Entry> entries = new ArrayList<>();
  private long offset;

  TorchZipWriter(FileChannel channel, String where) {
    this.channel = channel;
    this.where = where;
  }

  /** Adds a stored entry holding {@code data} (read from its position to its limit). */
  void add(String name, ByteBuffer data) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    long size = data.remaining();
    CRC32 crc = new CRC32();
    crc.update(data.duplicate());
    long dataStart = offset + LOCAL_HEADER + nameBytes.length + EXTRA_HEADER;
    int pad = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
    checkSize(offset + LOCAL_HEADER + nameBytes.length + EXTRA_HEADER + pad + size);
    ByteBuffer h = le(LOCAL_HEADER + nameBytes.length + EXTRA_HEADER + pad);
    h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
        .putInt((int) size).putInt((int) size).putShort((short) nameBytes.length)
        .putShort((short) (EXTRA_HEADER + pad)).put(nameBytes)
        .putShort((short) 0x4246).putShort((short) pad);
    for (int i = 0; i < pad; i++) {
      h.put((byte) 'Z');
    }
    entries.add(new Entry(name, offset, size, crc.getValue()));
    write(h.flip());
    write(data.duplicate());
  }

  /** Writes the central directory and the end record. */
  void finish() throws IOException {
    long cdStart = offset;
    for (Entry e : entries) {
      byte[] n = e.name().getBytes(StandardCharsets.UTF_8);
      ByteBuffer c = le(46 + n.length);
      c.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
          .putInt((int) e.crc()).putInt((int) e.size()).putInt((int) e.size())
          .putShort((short) n.length).putShort((short) 0).putShort((short) 0)
          .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.offset()).put(n);
      write(c.flip());
    }
    long cdSize = offset - cdStart;
    checkSize(offset + 22);
    ByteBuffer end = le(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
        .putShort((short) entries.size()).putShort((short) entries.size())
        .putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
    write(end.flip());
  }

  private void checkSize(long end) {
    if (end > MAX_SIZE || entries.size() >= 0xFFFF) {
      throw new TorchFormatException(TorchFormatException.Problem.TOO_LARGE, where,
          "the archive would exceed 4 GiB or 65535 entries (zip64 is not written)");
    }
  }

  private void write(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      offset += channel.write(b);
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
