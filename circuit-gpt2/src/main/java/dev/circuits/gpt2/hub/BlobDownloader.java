package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one blob into {@code <etag>.incomplete}, resuming a partial file with a Range request,
 * verifies its size and (for sha256 etags) its sha256, then renames it atomically to the blob path.
 */
final class BlobDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(BlobDownloader.class);
  private static final Pattern CONTENT_RANGE_START = Pattern.compile("bytes\\s+(\\d+)-");

  private final HubHttp http;
  private final DownloadProgress progress;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final DownloadLimits limits;

  BlobDownloader(HubHttp http, DownloadProgress progress, int maxRetries, Duration retryBackoff,
      DownloadLimits limits) {
    this.http = http;
    this.progress = progress;
    this.maxRetries = maxRetries;
    this.retryBackoff = retryBackoff;
    this.limits = limits;
  }

  /**
   * Downloads {@code meta}'s bytes for {@code f} to {@code blob}, via {@code incomplete}. An
   * interrupted attempt is resumed while attempts make progress (one attempt without new bytes
   * is retried, a second in a row fails), within the file's deadline and minimum rate.
   */
  void download(RepoFile f, FileMetadata meta, Path incomplete, Path blob) {
    long expected = meta.size();
    TransferGuard guard = new TransferGuard(limits, f, expected, System::nanoTime);
    int stalledInARow = 0;
    for (int attempt = 0; ; attempt++) {
      long before = guard.received();
      try {
        fetchInto(f, meta, incomplete, guard);
        break;
      } catch (IOException e) {
        long have = sizeOf(incomplete);
        stalledInARow = guard.received() > before ? 0 : stalledInARow + 1;
        String why = attempt >= maxRetries ? "after " + (attempt + 1) + " attempt(s)"
            : stalledInARow >= 2 ? "twice in a row without receiving a byte (each attempt waits "
                + limits.downloadTimeout().toSeconds() + " s for data: HF_HUB_DOWNLOAD_TIMEOUT)"
            : null;
        if (why != null) {
          throw new HubException(HubException.Reason.NETWORK,
              "download of " + f + " from " + meta.downloadUrl() + " was interrupted " + why
                  + " with " + have + (expected >= 0 ? " of " + expected : "") + " bytes (" + e
                  + "); the partial file " + incomplete + " is kept and the next call resumes it",
              e);
        }
        LOG.warn("download of {} interrupted after {} bytes ({}); resuming (attempt {} of {})",
            f, have, e.toString(), attempt + 2, maxRetries + 1);
        Duration wait = retryBackoff.multipliedBy(attempt + 1L);
        sleep(wait.compareTo(guard.remaining()) < 0 ? wait : guard.remaining());
        guard.checkDeadline();
      }
    }
    verify(f, meta, incomplete);
    try {
      RepoCache.moveAtomically(incomplete, blob);
    } catch (IOException e) {
      throw new HubException(HubException.Reason.CACHE_IO,
          "cannot move " + incomplete + " to " + blob + ": " + e, e);
    }
  }

  /** One GET from where the partial file ends; throws IOException when the body ends early. */
  private void fetchInto(RepoFile f, FileMetadata meta, Path incomplete, TransferGuard guard)
      throws IOException {
    long expected = meta.size();
    long have = sizeOf(incomplete);
    if (expected >= 0 && have > expected) {
      LOG.warn("partial file {} has {} bytes, more than the expected {}; restarting", incomplete, have, expected);
      Files.delete(incomplete);
      have = 0;
    }
    if (expected >= 0 && have == expected && have > 0) {
      return;
    }
    URI url = meta.downloadUrl();
    LOG.info("downloading {} ({}) from {}{}", f, expected >= 0 ? expected + " bytes" : "unknown size",
        url, have > 0 ? ", resuming at byte " + have : "");
    boolean restart = false;
    try (HubHttp.Body resp = http.get(url, have)) {
      int status = resp.status();
      InputStream body = resp.stream;
      if (status == 416 && have > 0) {
        LOG.info("server rejected resuming {} at byte {} (HTTP 416); restarting from byte 0", f, have);
        restart = true;
      } else if (status == 206 && have > 0) {
        long start = rangeStart(resp.response);
        if (start != have) {
          Files.deleteIfExists(incomplete);
          throw new IOException("asked for bytes from " + have + " but the server sent a range starting at "
              + start + "; restarting from byte 0");
        }
        copy(body, incomplete, true, f.filename(), expected, have, guard);
      } else if (status == 200 || status == 206) {
        if (have > 0) {
          LOG.info("server ignored the Range request for {} (HTTP {}); restarting from byte 0", f, status);
        }
        copy(body, incomplete, false, f.filename(), expected, 0, guard);
      } else {
        throw http.statusError(f, url, resp.response);
      }
    }
    if (restart) {
      Files.deleteIfExists(incomplete);
      fetchInto(f, meta, incomplete, guard);
      return;
    }
    long now = sizeOf(incomplete);
    if (expected >= 0 && now < expected) {
      throw new IOException("connection closed after " + now + " of " + expected + " bytes");
    }
  }

  private void copy(InputStream body, Path incomplete, boolean append, String name, long expected,
      long have, TransferGuard guard) throws IOException {
    Files.createDirectories(incomplete.getParent());
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (OutputStream out = Files.newOutputStream(incomplete, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, mode);
        DownloadProgress.Task task = progress.start(name, expected, have)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = body.read(buf)) >= 0) {
        out.write(buf, 0, n);
        task.advance(n);
        guard.onBytes(n);
      }
    }
  }

  private static void verify(RepoFile f, FileMetadata meta, Path incomplete) {
    long actualSize = sizeOf(incomplete);
    if (meta.size() >= 0 && actualSize != meta.size()) {
      deleteQuietly(incomplete);
      throw new HubException(HubException.Reason.VERIFICATION_FAILED,
          "downloaded " + f + " has " + actualSize + " bytes, expected " + meta.size()
              + " (from " + meta.downloadUrl() + "); the partial file was deleted");
    }
    if (meta.etagIsSha256()) {
      String actual = sha256(incomplete);
      if (!actual.equals(meta.etag())) {
        deleteQuietly(incomplete);
        throw new HubException(HubException.Reason.VERIFICATION_FAILED,
            "downloaded " + f + " is corrupt: sha256 " + actual + ", expected " + meta.etag()
                + " (size " + actualSize + " bytes, expected " + meta.size() + ", from "
                + meta.downloadUrl() + "); the partial file was deleted");
      }
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new HubException(HubException.Reason.CACHE_IO, "cannot read " + file + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static long rangeStart(HttpResponse<?> resp) {
    return resp.headers().firstValue("Content-Range")
        .map(CONTENT_RANGE_START::matcher)
        .filter(Matcher::find)
        .map(m -> Long.parseLong(m.group(1)))
        .orElse(-1L);
  }

  private static long sizeOf(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0L;
    } catch (IOException e) {
      return 0L;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", p, e.toString());
    }
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubException.Reason.NETWORK, "interrupted while waiting to retry a download", e);
    }
  }
}
