package dev.circuits.ioi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Test fixtures: the bundled JSON, Appendix A of remix-ioi.md, and the checksum serialisation. */
final class Fixtures {
  private static RemixDatasets remix;

  private Fixtures() {}

  /** The five Part 3/4 datasets, built once per test JVM. */
  static synchronized RemixDatasets remix() {
    if (remix == null) {
      remix = RemixDatasets.build();
    }
    return remix;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String key) {
    return (Map<String, Object>) IoiWords.readBundledJson().get(key);
  }

  /** Python's {@code json.dumps(list of lists of ints)} with default separators. */
  static String pythonJson(int[][] rows) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rows.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('[');
      for (int j = 0; j < rows[i].length; j++) {
        if (j > 0) {
          sb.append(", ");
        }
        sb.append(rows[i][j]);
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }

  static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of Appendix A: i, S, IO, PLACE, OBJECT, IO tok, S tok, IO', S', IO'', S''. */
  static List<String[]> appendixA() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dev/circuits/ioi/appendix-a.tsv")) {
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
