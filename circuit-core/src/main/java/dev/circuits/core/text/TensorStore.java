package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.CircuitException;
import dev.circuits.core.TensorHash;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsException;
import dev.circuits.core.io.SafetensorsFile;
import dev.circuits.core.io.TorchFormatException;
import dev.circuits.core.io.TorchSave;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of tensors addressed by their rust_circuit tensor hash, in rust_circuit's hash-trie
 * layout {@code {dir}/{h[0:4]}/{h[4:8]}/{h[8:64]}} (h: the 64 hex digits of the hash).
 *
 * <p>Files are either safetensors files holding one tensor named {@value #TENSOR_NAME} (the
 * Java-native format) or {@code torch.save} files, which rust_circuit writes at the same paths;
 * loads read both (see {@link TorchSave}). Saves write safetensors unless the store is configured
 * with {@link Format#TORCH} ({@link #withFormat}), which rust_circuit can read back. Writes are
 * atomic and idempotent, loads verify the content hash, and the store is safe to use from several
 * threads (and processes).
 *
 * <pre>{@code
 * TensorStore store = TensorStore.defaultStore();
 * String hash = store.save(weights);       // 64 hex digits
 * Array w = store.load(hash.substring(0, 8));
 * }</pre>
 */
public final class TensorStore {
  /** Environment variable naming the store directory (as in rust_circuit). */
  public static final String ENV_DIR = "TENSORS_CACHE_DIR";
  /** Directory under the home directory used when {@value #ENV_DIR} is unset. */
  public static final String DEFAULT_DIR_NAME = "tensors_by_hash_cache";
  /** The name of the single tensor in each store file. */
  public static final String TENSOR_NAME = "tensor";

  private static final Logger LOG = LoggerFactory.getLogger(TensorStore.class);
  private static final int HEX_LENGTH = 64;
  private static final int[] SEGMENT_ENDS = {4, 8, HEX_LENGTH};

  /** The file format {@link #save} writes. */
  public enum Format {
    /** One tensor named {@value TensorStore#TENSOR_NAME} in a safetensors file. */
    SAFETENSORS,
    /** PyTorch's {@code torch.save} zip format, as rust_circuit writes and reads. */
    TORCH
  }

  private final Path dir;
  private final TensorCache cache;
  private final Format format;

  private TensorStore(Path dir, TensorCache cache, Format format) {
    this.dir = dir;
    this.cache = cache;
    this.format = format;
  }

  /** A store rooted at {@code dir} (created on first save), without an in-memory cache. */
  public static TensorStore at(Path dir) {
    return new TensorStore(dir.toAbsolutePath(), null, Format.SAFETENSORS);
  }

  /** A store rooted at {@code dir} that keeps up to {@code cacheBytes} of loaded tensors in memory. */
  public static TensorStore at(Path dir, long cacheBytes) {
    return new TensorStore(dir.toAbsolutePath(), new TensorCache(cacheBytes), Format.SAFETENSORS);
  }

  /** This store writing new files in {@code f} (reads always accept both formats). */
  public TensorStore withFormat(Format f) {
    return new TensorStore(dir, cache, f);
  }

  /** The format {@link #save} writes. */
  public Format format() {
    return format;
  }

  /** The store at {@code $TENSORS_CACHE_DIR}, else {@code ~/tensors_by_hash_cache}. */
  public static TensorStore defaultStore() {
    return at(defaultDir(System.getenv(), System.getProperty("user.home")));
  }

  /** The default store directory for the given environment and home directory. */
  static Path defaultDir(Map<String, String> env, String home) {
    String fromEnv = env.get(ENV_DIR);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Paths.get(fromEnv);
    }
    return Paths.get(home, DEFAULT_DIR_NAME);
  }

  /** The store's root directory. */
  public Path dir() {
    return dir;
  }

  /** The file that holds (or would hold) the tensor with full hex hash {@code hexHash}. */
  public Path pathOf(String hexHash) {
    String h = normalise(hexHash);
    if (h.length() != HEX_LENGTH) {
      throw new IllegalArgumentException("expected a full tensor hash of " + HEX_LENGTH
          + " hex digits, got " + h.length() + ": '" + hexHash + "'");
    }
    return dir.resolve(h.substring(0, 4)).resolve(h.substring(4, 8)).resolve(h.substring(8));
  }

  /** Whether the store holds the tensor with full hex hash {@code hexHash}. */
  public boolean contains(String hexHash) {
    return Files.isRegularFile(pathOf(hexHash));
  }

  /** Stores {@code value} (if not already present) and returns its 64-digit hex tensor hash. */
  public String save(INDArray value) {
    return save(value, TensorHash.hash(value));
  }

  /**
   * Stores the value of {@code array} (if not already present) and returns its hex tensor hash.
   * Refuses zero-stride values such as the parser's tensor stand-ins, whose hash may not describe
   * their values.
   */
  public String save(Array array) {
    INDArray v = array.value();
    if (v.length() > 1 && Arrays.stream(v.stride()).anyMatch(st -> st == 0)) {
      throw new CircuitException("refusing to store " + array.describe() + ": its value is a "
          + "zero-stride view (e.g. a parser stand-in), so its tensor hash may not describe it; "
          + "store a copy of the real tensor instead");
    }
    return save(v, array.tensorHash());
  }

  private String save(INDArray value, byte[] hash) {
    String hex = HexFormat.of().formatHex(hash);
    Path file = pathOf(hex);
    if (Files.isRegularFile(file)) {
      LOG.debug("tensor {} already stored at {}", hex, file);
      return hex;
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new CircuitException("cannot create tensor store directory " + file.getParent(), e);
    }
    if (format == Format.TORCH) {
      TorchSave.write(file, value);
    } else {
      Safetensors.write(file, Map.of(TENSOR_NAME, value), Map.of());
    }
    LOG.debug("stored tensor {} {} at {} ({})", hex, Arrays.toString(value.shape()), file, format);
    return hex;
  }

  /** The full hex hash of the one stored tensor whose hash starts with {@code hexPrefix}. */
  public String resolve(String hexPrefix) {
    String prefix = normalise(hexPrefix);
    if (prefix.isEmpty() || prefix.length() > HEX_LENGTH) {
      throw new IllegalArgumentException("a tensor hash prefix needs 1 to " + HEX_LENGTH
          + " hex digits, got '" + hexPrefix + "'");
    }
    List<String> matches = prefix.length() == HEX_LENGTH
        ? (contains(prefix) ? List.of(prefix) : List.of())
        : matching(prefix);
    if (matches.isEmpty()) {
      throw new TensorNotFoundException(prefix, dir);
    }
    if (matches.size() > 1) {
      throw new AmbiguousTensorPrefixException(prefix, dir, matches);
    }
    return matches.get(0);
  }

  /** The tensor whose hash starts with {@code hexPrefix}, as an unnamed Array (content verified). */
  public Array load(String hexPrefix) {
    String hex = resolve(hexPrefix);
    byte[] hash = HexFormat.of().parseHex(hex);
    INDArray cached = cache == null ? null : cache.get(hex);
    if (cached != null) {
      return Array.wrapWithHash(cached, hash, null);
    }
    INDArray value = readVerified(pathOf(hex), hex);
    if (cache != null) {
      cache.put(hex, value);
    }
    return Array.wrapWithHash(value, hash, null);
  }

  private INDArray readVerified(Path file, String hex) {
    INDArray value;
    String device = "cpu";
    if (TorchSave.isZip(file)) {
      TorchSave.Loaded loaded = readTorch(file);
      value = loaded.value();
      device = loaded.location();
    } else {
      value = readSafetensors(file);
    }
    String actual = HexFormat.of().formatHex(TensorHash.hash(value));
    if (!actual.equals(hex) && !device.equals("cpu")) {
      actual = HexFormat.of().formatHex(TensorHash.hash(value, device));
    }
    if (!actual.equals(hex)) {
      throw new CorruptTensorFileException(file, "its content hashes to " + actual
          + ", not to the hash its path names (" + hex + ")", null);
    }
    LOG.debug("loaded tensor {} from {}", hex, file);
    return value;
  }

  private static TorchSave.Loaded readTorch(Path file) {
    try {
      return TorchSave.readWithLocation(file);
    } catch (TorchFormatException e) {
      throw new CorruptTensorFileException(file, "cannot read it as a torch.save file: "
          + e.getMessage(), e);
    }
  }

  private static INDArray readSafetensors(Path file) {
    INDArray value;
    try (SafetensorsFile f = Safetensors.open(file)) {
      if (!f.names().equals(List.of(TENSOR_NAME))) {
        throw new CorruptTensorFileException(file, "expected exactly one tensor named '"
            + TENSOR_NAME + "', found " + f.names(), null);
      }
      value = f.readExact(TENSOR_NAME);
    } catch (SafetensorsException e) {
      throw new CorruptTensorFileException(file, e.getMessage(), e);
    }
    return value;
  }

  private List<String> matching(String prefix) {
    List<String> found = new ArrayList<>();
    collect(dir, "", 0, prefix, found);
    found.sort(null);
    return found;
  }

  /** Walks trie level {@code level} under {@code node}, whose path spells {@code sofar}. */
  private void collect(Path node, String sofar, int level, String prefix, List<String> found) {
    int segmentLength = SEGMENT_ENDS[level] - sofar.length();
    String wanted = prefix.length() <= sofar.length() ? ""
        : prefix.substring(sofar.length(), Math.min(prefix.length(), SEGMENT_ENDS[level]));
    try (DirectoryStream<Path> children = Files.newDirectoryStream(node, wanted + "*")) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (name.length() != segmentLength || !isLowerHex(name)) {
          continue;
        }
        boolean last = level == SEGMENT_ENDS.length - 1;
        if (last && Files.isRegularFile(child)) {
          found.add(sofar + name);
        } else if (!last && Files.isDirectory(child)) {
          collect(child, sofar + name, level + 1, prefix, found);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      LOG.debug("tensor store path {} does not exist", node);
    } catch (IOException e) {
      throw new CircuitException("cannot list tensor store directory " + node, e);
    }
  }

  private static String normalise(String hex) {
    String h = hex.toLowerCase(Locale.ROOT);
    if (!isLowerHex(h)) {
      throw new IllegalArgumentException("a tensor hash must be hex digits, got '" + hex + "'");
    }
    return h;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
