package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

/** The two HTTP calls of the download protocol: HEAD for metadata, GET (optionally ranged) for bytes. */
final class HubHttp {
  private static final int MAX_REDIRECTS = 10;
  private static final String USER_AGENT = "circuits-java/0.1; java/" + Runtime.version().feature();
  /** Etags name cache files: a letter or digit first (never '.' or '..'), at most 200 chars. */
  private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private final HttpClient client;
  private final HubSettings settings;
  private final DownloadLimits limits;

  HubHttp(HttpClient client, HubSettings settings, DownloadLimits limits) {
    this.client = client;
    this.settings = settings;
    this.limits = limits;
  }

  /** A client that never follows redirects itself (we follow them to control the auth header). */
  static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /**
   * HEADs the resolve URL, following only relative redirects (renamed repos), and reads the metadata
   * from the first response that is not one: a 200, or a redirect to a CDN whose Location is the
   * download URL. Throws IOException when the hub cannot be reached.
   */
  FileMetadata head(RepoFile f) throws IOException {
    URI url = f.resolveUrl(settings.endpoint());
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpResponse<Void> resp =
          send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .timeout(limits.etagTimeout()).build(),
              HttpResponse.BodyHandlers.discarding());
      int status = resp.statusCode();
      if (status >= 300 && status < 400) {
        Optional<String> found = resp.headers().firstValue("Location");
        if (found.isEmpty()) {
          throw new HubException(HubException.Reason.BAD_RESPONSE,
              "HTTP " + status + " without a Location header for " + f + " at " + url);
        }
        String location = found.get();
        URI target = url.resolve(location);
        if (URI.create(location).getHost() == null) {
          url = target;
          continue;
        }
        return metadata(f, url, resp, target);
      }
      if (status >= 200 && status < 300) {
        return metadata(f, url, resp, url);
      }
      throw statusError(f, url, resp);
    }
    throw new HubException(HubException.Reason.BAD_RESPONSE,
        "more than " + MAX_REDIRECTS + " redirects resolving " + f + " (last URL " + url + ")");
  }

  /** A GET response whose body is read with an idle timeout; close it. */
  static final class Body implements AutoCloseable {
    final HttpResponse<?> response;
    final InputStream stream;

    Body(HttpResponse<?> response, InputStream stream) {
      this.response = response;
      this.stream = stream;
    }

    int status() {
      return response.statusCode();
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  /**
   * GETs {@code url} from byte {@code offset} on (a Range request when positive), following redirects.
   * The caller checks the status (200, 206 or 416) and closes the body.
   */
  Body get(URI url, long offset) throws IOException {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder b = request(current).GET().timeout(limits.downloadTimeout());
      if (offset > 0) {
        b.header("Range", "bytes=" + offset + "-");
      }
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> resp =
          send(b.build(), HttpResponse.BodyHandlers.ofPublisher());
      IdleTimeoutBody stream = new IdleTimeoutBody(limits.downloadTimeout(), current.toString());
      resp.body().subscribe(stream);
      int status = resp.statusCode();
      if (status >= 300 && status < 400) {
        stream.close();
        Optional<String> location = resp.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new HubException(HubException.Reason.BAD_RESPONSE,
              "HTTP " + status + " without a Location header from " + current);
        }
        current = current.resolve(location.get());
        continue;
      }
      return new Body(resp, stream);
    }
    throw new HubException(HubException.Reason.BAD_RESPONSE,
        "more than " + MAX_REDIRECTS + " redirects downloading " + url);
  }

  /** Maps an unexpected status to a HubException naming the file, URL and the hub's error headers. */
  HubException statusError(RepoFile f, URI url, HttpResponse<?> resp) {
    int status = resp.statusCode();
    String hubError = resp.headers().firstValue("X-Error-Code")
        .map(code -> " (" + code + resp.headers().firstValue("X-Error-Message").map(m -> ": " + m).orElse("") + ")")
        .orElse("");
    if (status == 404) {
      return new HubException(HubException.Reason.NOT_FOUND,
          "not found on the hub: " + f + hubError + "; URL " + url
              + ". Check the repo id (e.g. 'openai-community/gpt2'), the revision and the filename.");
    }
    if (status == 401 || status == 403) {
      String tokenAdvice = settings.token().isPresent()
          ? "the HF_TOKEN that was sent was rejected or lacks access to this repo"
          : "no token was sent: set HF_TOKEN to a Hugging Face access token with read access";
      return new HubException(HubException.Reason.UNAUTHORIZED,
          "HTTP " + status + " for " + f + hubError + "; URL " + url
              + ". The repo may be private or gated, or may not exist; " + tokenAdvice + ".");
    }
    return new HubException(HubException.Reason.BAD_RESPONSE,
        "unexpected HTTP " + status + " for " + f + hubError + "; URL " + url);
  }

  private FileMetadata metadata(RepoFile f, URI url, HttpResponse<?> resp, URI downloadUrl) {
    String commit = resp.headers().firstValue("X-Repo-Commit").map(String::trim).orElse("");
    String etag = resp.headers().firstValue("X-Linked-Etag")
        .or(() -> resp.headers().firstValue("ETag"))
        .map(FileMetadata::normalizeEtag).orElse("");
    if (!RepoFile.isCommit(commit)) {
      throw new HubException(HubException.Reason.BAD_RESPONSE,
          "the server did not return a commit hash (X-Repo-Commit, got '" + commit + "') for " + f
              + " at " + url + "; is HF_ENDPOINT (" + settings.endpoint() + ") a Hugging Face hub?");
    }
    if (!SAFE_ETAG.matcher(etag).matches() || etag.endsWith(".incomplete")
        || etag.endsWith(".lock")) {
      throw new HubException(HubException.Reason.BAD_RESPONSE,
          "the server did not return a usable ETag/X-Linked-Etag (got '" + etag + "') for " + f
              + " at " + url + "; expected letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit (e.g. a sha256)");
    }
    long size = resp.headers().firstValue("X-Linked-Size")
        .or(() -> resp.headers().firstValue("Content-Length"))
        .map(HubHttp::parseSize).orElse(-1L);
    return new FileMetadata(commit, etag, size, downloadUrl);
  }

  private static long parseSize(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }

  private HttpRequest.Builder request(URI url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url)
        .header("User-Agent", USER_AGENT)
        .header("Accept-Encoding", "identity");
    if (sameOrigin(url, settings.endpoint())) {
      settings.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    }
    return b;
  }

  /** The token goes only to the configured endpoint, never to a CDN it redirects to. */
  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(req, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubException.Reason.NETWORK, "interrupted while requesting " + req.uri(), e);
    }
  }
}
