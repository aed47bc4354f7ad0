package dev.circuits.gpt2.hub;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a HEAD on {@code resolve/<revision>/<file>} says about a file: the commit the revision points to,
 * the etag naming its blob (the sha256 for LFS files), its size ({@code -1} if unknown) and where to GET it.
 */
record FileMetadata(String commit, String etag, long size, URI downloadUrl) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Whether the etag is a sha256 of the content (true for LFS files such as model weights). */
  boolean etagIsSha256() {
    return SHA256.matcher(etag).matches();
  }

  /** Strips a weak-validator prefix and surrounding quotes, as huggingface_hub does. */
  static String normalizeEtag(String raw) {
    String e = raw.trim();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }
}
