package dev.circuits.core.io;

import dev.circuits.core.TensorHash;
import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.io.TorchFormatException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes single tensors in PyTorch's {@code torch.save} format (the zip format of
 * PyTorch 1.6+), the files rust_circuit keeps in its tensor store. A file is a zip whose entries
 * share one folder ({@code archive/} or the file's stem): {@code data.pkl} (a protocol-2 pickle of
 * {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)}),
 * {@code data/<key>} (the storage's raw little-endian bytes), {@code version} and, from PyTorch
 * 2.1, {@code byteorder}. Only that subset is read: no pickle code is ever executed, and any
 * other global, opcode or entry is rejected with a {@link TorchFormatException}.
 *
 * <pre>{@code
 * TorchSave.write(path, Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
 * INDArray back = TorchSave.read(path);
 * }</pre>
 */
public final class TorchSave {
  private static final Logger LOG = LoggerFactory.getLogger(TorchSave.class);
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a};
  private static final int MAX_PICKLE = 1 << 20;
  private static final int CHUNK = 1 << 20;
  private static final String ARCHIVE = "archive";

  private TorchSave() {}

  /** A tensor read from a torch.save file and the device it was saved from (e.g. {@code cpu}). */
  public record Loaded(INDArray value, String location) {}

  /** Whether {@code file} starts like a zip archive (as torch.save files do). */
  public static boolean isZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads the one tensor a torch.save file holds (copied into a C-ordered ND4J array). */
  public static INDArray read(Path file) {
    return readWithLocation(file).value();
  }

  /**
   * Reads the tensor and the device it was saved from (rust_circuit's tensor hash includes the
   * device, so a tensor saved from {@code cuda:0} is stored under its {@code cuda:0} hash).
   */
  public static Loaded readWithLocation(Path file) {
    String where = file.toString();
    checkMagic(file, where);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return read(zip, where);
    } catch (ZipException e) {
      throw new TorchFormatException(Problem.BAD_ARCHIVE, where, "not a valid zip archive: "
          + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new TorchFormatException(Problem.IO, where, "no such file", e);
    } catch (IOException e) {
      throw new TorchFormatException(Problem.IO, where, "cannot read: " + e, e);
    }
  }

  /**
   * Writes {@code value} as torch.save does for a contiguous CPU tensor, atomically (temp file,
   * fsync, rename). Supported dtypes: float32/64, float16, int64/32/16/8, uint8, bool.
   */
  public static void write(Path file, INDArray value) {
    String where = file.toString();
    TorchDtype dtype = TorchDtype.of(value.dataType()).orElseThrow(() -> new TorchFormatException(
        Problem.UNSUPPORTED_DTYPE, where, "dtype " + value.dataType() + " has no torch storage "
            + "type here (float32/64, float16, int64/32/16/8, uint8, bool)"));
    byte[] pickle = TorchPickleWriter.write(dtype, value.shape());
    try {
      AtomicFiles.write(file, ch -> {
        TorchZipWriter zip = new TorchZipWriter(ch, where);
        zip.add(ARCHIVE + "/data.pkl", ByteBuffer.wrap(pickle));
        zip.add(ARCHIVE + "/byteorder", ascii("little"));
        zip.add(ARCHIVE + "/data/0", TensorHash.rawBytes(value));
        zip.add(ARCHIVE + "/version", ascii("3\n"));
        zip.finish();
      });
    } catch (IOException e) {
      throw new TorchFormatException(Problem.IO, where, "cannot write: " + e, e);
    }
    LOG.debug("wrote torch.save file {} {} {}", file, dtype, Arrays.toString(value.shape()));
  }

  private static Loaded read(ZipFile zip, String where) throws IOException {
    Map<String, ZipEntry> entries = entries(zip, where);
    ZipEntry pkl = entries.get("data.pkl");
    if (pkl == null) {
      throw new TorchFormatException(Problem.MISSING_ENTRY, where, "no data.pkl entry (found "
          + entries.keySet() + ")");
    }
    if (!entries.containsKey("version") && !entries.containsKey(".data/version")) {
      throw new TorchFormatException(Problem.MISSING_ENTRY, where, "no version entry (found "
          + entries.keySet() + ")");
    }
    ZipEntry order = entries.get("byteorder");
    if (order != null) {
      String bo = new String(bytes(zip, order, where, 16), StandardCharsets.US_ASCII);
      if (!bo.equals("little")) {
        throw new TorchFormatException(Problem.BYTE_ORDER, where, "byteorder is '" + bo
            + "'; only little-endian files are read");
      }
    }
    TorchTensorRecord t = TorchPickleReader.read(bytes(zip, pkl, where, MAX_PICKLE), where);
    for (String name : entries.keySet()) {
      if (name.startsWith("data/") && !name.equals("data/" + t.storageKey())) {
        throw new TorchFormatException(Problem.UNEXPECTED_ENTRY, where, "storage entry " + name
            + " belongs to no tensor (the pickle uses data/" + t.storageKey() + ")");
      }
    }
    ZipEntry storage = entries.get("data/" + t.storageKey());
    if (storage == null) {
      throw new TorchFormatException(Problem.MISSING_ENTRY, where, "the pickle's storage data/"
          + t.storageKey() + " is not in the archive");
    }
    return new Loaded(TorchStorages.tensor(t, storage.getSize(), chunks(zip, storage, where),
        where), t.location());
  }

  /** The entries by name relative to the archive folder; every entry must be in that folder. */
  private static Map<String, ZipEntry> entries(ZipFile zip, String where) {
    Map<String, ZipEntry> out = new HashMap<>();
    String folder = null;
    Enumeration<? extends ZipEntry> en = zip.entries();
    while (en.hasMoreElements()) {
      ZipEntry e = en.nextElement();
      String name = e.getName();
      int slash = name.indexOf('/');
      if (slash <= 0) {
        throw new TorchFormatException(Problem.UNEXPECTED_ENTRY, where, "entry '" + name
            + "' is not inside the archive folder");
      }
      String f = name.substring(0, slash);
      if (folder == null) {
        folder = f;
      } else if (!folder.equals(f)) {
        throw new TorchFormatException(Problem.UNEXPECTED_ENTRY, where, "entries in two folders: '"
            + folder + "' and '" + f + "'");
      }
      String rel = name.substring(slash + 1);
      if (!isKnownEntry(rel)) {
        throw new TorchFormatException(Problem.UNEXPECTED_ENTRY, where, "unexpected entry '"
            + name + "' (a plain-tensor torch.save file holds data.pkl, data/<key>, version, "
            + "byteorder, .data/version, .data/serialization_id)");
      }
      out.put(rel, e);
    }
    if (out.isEmpty()) {
      throw new TorchFormatException(Problem.MISSING_ENTRY, where, "the archive is empty");
    }
    return out;
  }

  private static boolean isKnownEntry(String rel) {
    return rel.equals("data.pkl") || rel.equals("version") || rel.equals("byteorder")
        || rel.equals(".data/version") || rel.equals(".data/serialization_id")
        || (rel.startsWith("data/") && rel.length() > "data/".length()
            && rel.indexOf('/', "data/".length()) < 0);
  }

  private static byte[] bytes(ZipFile zip, ZipEntry e, String where, int max) throws IOException {
    if (e.getSize() > max) {
      throw new TorchFormatException(Problem.BAD_ARCHIVE, where, "entry " + e.getName() + " has "
          + e.getSize() + " bytes, more than the " + max + " expected");
    }
    List<byte[]> parts = new ArrayList<>();
    chunks(zip, e, where).forEach(b -> {
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      parts.add(copy);
    });
    ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(p -> p.length).sum());
    parts.forEach(all::put);
    return all.array();
  }

  /** The entry's bytes in chunks, with its size and CRC checked against the zip directory. */
  private static Chunks chunks(ZipFile zip, ZipEntry e, String where) {
    return consumer -> {
      CRC32 crc = new CRC32();
      long total = 0;
      try (InputStream in = zip.getInputStream(e)) {
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
          crc.update(buf, 0, n);
          total += n;
          consumer.accept(ByteBuffer.wrap(buf, 0, n).order(ByteOrder.LITTLE_ENDIAN));
        }
      } catch (ZipException ex) {
        throw new TorchFormatException(Problem.BAD_ARCHIVE, where, "entry " + e.getName()
            + " cannot be read: " + ex.getMessage(), ex);
      } catch (IOException ex) {
        throw new TorchFormatException(Problem.IO, where, "reading entry " + e.getName()
            + " failed: " + ex, ex);
      }
      if (total != e.getSize() || (e.getCrc() != -1 && crc.getValue() != e.getCrc())) {
        throw new TorchFormatException(Problem.BAD_ARCHIVE, where, "entry " + e.getName()
            + " is damaged (" + total + " bytes read, " + e.getSize() + " expected; CRC "
            + Long.toHexString(crc.getValue()) + " vs " + Long.toHexString(e.getCrc()) + ")");
      }
    };
  }

  /** Streams an entry's bytes to a consumer. */
  @FunctionalInterface
  interface Chunks {
    void forEach(java.util.function.Consumer<ByteBuffer> consumer);
  }

  private static void checkMagic(Path file, String where) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    } catch (NoSuchFileException e) {
      throw new TorchFormatException(Problem.IO, where, "no such file", e);
    } catch (IOException e) {
      throw new TorchFormatException(Problem.IO, where, "cannot read: " + e, e);
    }
    if (Arrays.equals(head, LEGACY_MAGIC)) {
      throw new TorchFormatException(Problem.LEGACY_FORMAT, where, "this is the legacy (pre-1.6, "
          + "non-zip) torch.save format, which is not read; re-save with a recent PyTorch");
    }
    if (!Arrays.equals(head, ZIP_MAGIC)) {
      throw new TorchFormatException(Problem.BAD_ARCHIVE, where, "not a zip archive (torch.save "
          + "files start with PK\\3\\4)");
    }
  }

  private static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }
}
