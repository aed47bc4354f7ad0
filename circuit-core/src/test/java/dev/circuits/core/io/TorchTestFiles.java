package dev.circuits.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-made torch.save files for tests, written independently of {@link TorchSave}'s writer. */
public final class TorchTestFiles {
  private TorchTestFiles() {}

  /** Builds a protocol-2 pickle opcode by opcode (the format torch.save documents by example). */
  public static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Pickle op(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    public Pickle global(String module, String name) {
      op('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    public Pickle unicode(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X', b.length, 0, 0, 0);
      out.writeBytes(b);
      return this;
    }

    Pickle put(int memo) {
      return op('q', memo);
    }

    Pickle int1(int v) {
      return op('K', v);
    }

    public byte[] bytes() {
      return out.toByteArray();
    }

    /**
     * {@code _rebuild_tensor_v2(('storage', torch.<type>, '0', 'cpu', numel), offset, size,
     * stride, False, OrderedDict())} with sizes, strides and offset below 256.
     */
    public static Pickle tensor(String storageType, int numel, int offset, int[] size,
        int[] stride) {
      return tensor(storageType, "cpu", numel, offset, size, stride);
    }

    /** The same on storage location {@code location} (e.g. {@code cuda:0}). */
    public static Pickle tensor(String storageType, String location, int numel, int offset,
        int[] size, int[] stride) {
      Pickle p = new Pickle().op(0x80, 2).global("torch._utils", "_rebuild_tensor_v2").put(0)
          .op('(').op('(').unicode("storage").put(1).global("torch", storageType).put(2)
          .unicode("0").put(3).unicode(location).put(4).int1(numel).op('t').put(5).op('Q')
          .int1(offset);
      p.ints(size).put(6).ints(stride).put(7);
      return p.op(0x89).global("collections", "OrderedDict").put(8).op(')', 'R').put(9)
          .op('t').put(10).op('R').put(11).op('.');
    }

    private Pickle ints(int[] values) {
      op('(');
      for (int v : values) {
        int1(v);
      }
      return op('t');
    }
  }

  /** Writes a stored zip with CRCs, as torch's writer does (without the alignment padding). */
  public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(e.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        ze.setCrc(crc.getValue());
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return file;
  }
}
