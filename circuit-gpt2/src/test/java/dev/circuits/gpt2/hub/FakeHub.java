package dev.circuits.gpt2.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny Hugging Face Hub on 127.0.0.1 for tests: {@code HEAD/GET /{repo}/resolve/{rev}/{file}} with the
 * hub's headers; LFS files answer 302 to a separate "CDN" server (another port) that honours Range.
 */
final class FakeHub implements AutoCloseable {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One request as the server saw it. */
  record Request(String server, String method, String path, String range, String authorization) {}

  private record Entry(byte[] content, boolean lfs, String etag) {}

  private final HttpServer hub;
  private final HttpServer cdn;
  private final Map<String, Entry> files = new ConcurrentHashMap<>();
  private final Map<String, Entry> blobsBySha = new ConcurrentHashMap<>();
  private final Map<String, String> renamed = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger dropNextCdnGets = new AtomicInteger();
  private final AtomicInteger stallNextCdnGets = new AtomicInteger();
  private final ExecutorService cdnThreads = Executors.newCachedThreadPool();
  private final AtomicInteger silentNextCdnGets = new AtomicInteger();
  private volatile int trickleBytes;
  private volatile long trickleMillis;
  private volatile String etagOverride;
  private volatile String requiredToken;
  private volatile boolean corruptCdn;
  private volatile boolean ignoreRange;

  FakeHub() throws IOException {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    hub = HttpServer.create(any, 0);
    cdn = HttpServer.create(any, 0);
    hub.createContext("/", this::handleHub);
    cdn.createContext("/", this::handleCdn);
    cdn.setExecutor(cdnThreads);
    hub.start();
    cdn.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
  }

  /** Adds a file; LFS files get their sha256 as etag, others a git-style 40-hex etag. */
  FakeHub addFile(String repo, String filename, byte[] content, boolean lfs) {
    String etag = lfs ? sha256(content) : sha256(content).substring(0, 40);
    Entry e = new Entry(content, lfs, etag);
    files.put(repo + "\0" + filename, e);
    if (lfs) {
      blobsBySha.put(etag, e);
    }
    return this;
  }

  /** Requests for {@code oldRepo} get a relative 307 to {@code newRepo}, like a renamed repo. */
  void rename(String oldRepo, String newRepo) {
    renamed.put(oldRepo, newRepo);
  }

  void requireToken(String token) {
    requiredToken = token;
  }

  /** The next {@code n} CDN GETs send the headers and half the requested bytes, then close. */
  void dropNextCdnGets(int n) {
    dropNextCdnGets.set(n);
  }

  /** The next {@code n} CDN GETs send half the bytes, stall for 3 s, then close. */
  void stallNextCdnGets(int n) {
    stallNextCdnGets.set(n);
  }

  /** The next {@code n} CDN GETs send the headers and then nothing for 10 s. */
  void silentNextCdnGets(int n) {
    silentNextCdnGets.set(n);
  }

  /** The CDN sends {@code bytes} bytes every {@code millis} ms (0 bytes: at full speed). */
  void trickle(int bytes, long millis) {
    trickleBytes = bytes;
    trickleMillis = millis;
  }

  /** Every file's ETag header is {@code etag} (null: the real one). */
  void etagOverride(String etag) {
    etagOverride = etag;
  }

  /** The CDN sends the right number of wrong bytes. */
  void corruptCdn(boolean corrupt) {
    corruptCdn = corrupt;
  }

  /** The CDN answers Range requests with 200 and the whole file. */
  void ignoreRange(boolean ignore) {
    ignoreRange = ignore;
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  long count(String server, String method) {
    return requests.stream().filter(r -> r.server().equals(server) && r.method().equals(method)).count();
  }

  long getCount() {
    return requests.stream().filter(r -> r.method().equals("GET")).count();
  }

  @Override
  public void close() {
    hub.stop(0);
    cdn.stop(0);
    cdnThreads.shutdownNow();
  }

  private void record(String server, HttpExchange ex) {
    requests.add(new Request(server, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
        ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("Authorization")));
  }

  private void handleHub(HttpExchange ex) throws IOException {
    try (ex) {
      record("hub", ex);
      String path = ex.getRequestURI().getRawPath();
      int at = path.indexOf("/resolve/");
      if (at < 0) {
        send(ex, 404, "RepoNotFound", null);
        return;
      }
      String repo = path.substring(1, at);
      String[] revAndFile = path.substring(at + "/resolve/".length()).split("/", 2);
      String rev = URLDecoder.decode(revAndFile[0], StandardCharsets.UTF_8);
      String file = URLDecoder.decode(revAndFile[1], StandardCharsets.UTF_8);
      if (requiredToken != null
          && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, "GatedRepo", null);
        return;
      }
      if (renamed.containsKey(repo)) {
        ex.getResponseHeaders().set("Location", "/" + renamed.get(repo) + path.substring(at));
        ex.sendResponseHeaders(307, -1);
        return;
      }
      if (!rev.equals("main") && !rev.equals(COMMIT)) {
        send(ex, 404, "RevisionNotFound", null);
        return;
      }
      Entry e = files.get(repo + "\0" + file);
      if (e == null) {
        send(ex, 404, "EntryNotFound", null);
        return;
      }
      ex.getResponseHeaders().set("X-Repo-Commit", COMMIT);
      if (e.lfs()) {
        ex.getResponseHeaders().set("X-Linked-Etag", "\"" + e.etag() + "\"");
        ex.getResponseHeaders().set("X-Linked-Size", Long.toString(e.content().length));
        ex.getResponseHeaders().set("ETag", "\"pointer-file-etag\"");
        ex.getResponseHeaders().set("Location",
            "http://127.0.0.1:" + cdn.getAddress().getPort() + "/blobs/" + e.etag());
        ex.sendResponseHeaders(302, -1);
        return;
      }
      ex.getResponseHeaders().set("ETag", "\"" + (etagOverride != null ? etagOverride
          : e.etag()) + "\"");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", Long.toString(e.content().length));
        ex.sendResponseHeaders(200, -1);
      } else {
        ex.sendResponseHeaders(200, e.content().length);
        ex.getResponseBody().write(e.content());
      }
    }
  }

  private void handleCdn(HttpExchange ex) throws IOException {
    record("cdn", ex);
    String sha = ex.getRequestURI().getRawPath().substring("/blobs/".length());
    Entry e = blobsBySha.get(sha);
    if (e == null) {
      send(ex, 404, "NoSuchKey", null);
      ex.close();
      return;
    }
    byte[] content = e.content().clone();
    if (corruptCdn) {
      for (int i = 0; i < content.length; i += 7) {
        content[i] ^= 0x5A;
      }
    }
    int start = 0;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && !ignoreRange) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        start = Integer.parseInt(m.group(1));
      }
    }
    if (start >= content.length && start > 0) {
      ex.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
      ex.sendResponseHeaders(416, -1);
      ex.close();
      return;
    }
    int length = content.length - start;
    if (start > 0) {
      ex.getResponseHeaders().set("Content-Range",
          "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
    }
    ex.sendResponseHeaders(start > 0 ? 206 : 200, length);
    OutputStream out = ex.getResponseBody();
    if (silentNextCdnGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      out.flush();
      pause(10_000);
      throw new IOException("fake CDN kept silent");
    }
    if (trickleBytes > 0) {
      for (int i = start; i < content.length; i += trickleBytes) {
        out.write(content, i, Math.min(trickleBytes, content.length - i));
        out.flush();
        pause(trickleMillis);
      }
      ex.close();
      return;
    }
    boolean drop = dropNextCdnGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    boolean stall = !drop && stallNextCdnGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    if (drop || stall) {
      out.write(content, start, length / 2);
      out.flush();
      if (stall) {
        pause(3000);
      }
      // Escaping the handler with an IOException makes the JDK server close the connection.
      throw new IOException("fake CDN drops the connection after " + length / 2 + " bytes");
    }
    out.write(content, start, length);
    ex.close();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, String errorCode, byte[] body) throws IOException {
    ex.getResponseHeaders().set("X-Error-Code", errorCode);
    ex.getResponseHeaders().set("X-Error-Message", "fake hub says " + errorCode);
    ex.sendResponseHeaders(status, body == null ? -1 : body.length);
    if (body != null) {
      ex.getResponseBody().write(body);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
