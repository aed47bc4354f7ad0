package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the hub client works, resolved like {@code huggingface_hub} does from the environment:
 * {@code HF_HOME}, {@code HF_HUB_CACHE}, {@code HF_HUB_OFFLINE}, {@code HF_ENDPOINT}, {@code HF_TOKEN}.
 */
public final class HubSettings {
  /** The public hub. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

  private final Path cacheDir;
  private final URI endpoint;
  private final boolean offline;
  private final String token;
  private final boolean progressBars;

  /** Settings given explicitly; {@code token} may be null. */
  public HubSettings(Path cacheDir, URI endpoint, boolean offline, String token, boolean progressBars) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
    this.endpoint = stripTrailingSlash(Objects.requireNonNull(endpoint, "endpoint"));
    this.offline = offline;
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.progressBars = progressBars;
  }

  /** Settings from the process environment and the user's home folder. */
  public static HubSettings fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Settings from {@code env} (a stand-in for the process environment), with {@code userHome} for
   * {@code ~}: cache = {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, where {@code HF_HOME} defaults to
   * {@code $XDG_CACHE_HOME/huggingface} or {@code ~/.cache/huggingface}; token = {@code HF_TOKEN}, else
   * the file {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code huggingface-cli login} writes.
   */
  public static HubSettings fromEnvironment(Map<String, String> env, Path userHome) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(userHome, "userHome");
    Path hfHome =
        nonEmpty(env.get("HF_HOME"))
            .map(p -> expand(p, userHome))
            .orElseGet(
                () ->
                    nonEmpty(env.get("XDG_CACHE_HOME"))
                        .map(p -> expand(p, userHome))
                        .orElse(userHome.resolve(".cache"))
                        .resolve("huggingface"));
    Path cache =
        nonEmpty(env.get("HF_HUB_CACHE"))
            .or(() -> nonEmpty(env.get("HUGGINGFACE_HUB_CACHE")))
            .map(p -> expand(p, userHome))
            .orElse(hfHome.resolve("hub"));
    boolean offline =
        isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE"));
    URI endpoint = nonEmpty(env.get("HF_ENDPOINT")).map(HubSettings::parseEndpoint).orElse(DEFAULT_ENDPOINT);
    String token =
        nonEmpty(env.get("HF_TOKEN"))
            .or(() -> nonEmpty(env.get("HUGGING_FACE_HUB_TOKEN")))
            .or(
                () ->
                    readTokenFile(
                        nonEmpty(env.get("HF_TOKEN_PATH"))
                            .map(p -> expand(p, userHome))
                            .orElse(hfHome.resolve("token"))))
            .orElse(null);
    boolean progress = !isTrue(env.get("HF_HUB_DISABLE_PROGRESS_BARS")) && !isTrue(env.get("CI"));
    return new HubSettings(cache, endpoint, offline, token, progress);
  }

  /** The hub cache folder holding {@code models--ORG--NAME/} folders. */
  public Path cacheDir() {
    return cacheDir;
  }

  /** Base URL of the hub, without a trailing slash. */
  public URI endpoint() {
    return endpoint;
  }

  /** Whether the network must never be used. */
  public boolean offline() {
    return offline;
  }

  /** The access token sent as {@code Authorization: Bearer}, if any. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** Whether progress bars may be shown (false when {@code CI} or HF_HUB_DISABLE_PROGRESS_BARS is set). */
  public boolean progressBars() {
    return progressBars;
  }

  /** A copy with {@code offline} replaced. */
  public HubSettings withOffline(boolean newOffline) {
    return new HubSettings(cacheDir, endpoint, newOffline, token, progressBars);
  }

  @Override
  public String toString() {
    return "HubSettings[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", offline=" + offline
        + ", token=" + (token == null ? "none" : "set") + ", progressBars=" + progressBars + "]";
  }

  static boolean isTrue(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    return v.equals("1") || v.equals("ON") || v.equals("YES") || v.equals("TRUE");
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static Path expand(String path, Path userHome) {
    if (path.equals("~")) {
      return userHome;
    }
    if (path.startsWith("~/")) {
      return userHome.resolve(path.substring(2));
    }
    return Path.of(path);
  }

  private static Optional<String> readTokenFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return nonEmpty(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static URI parseEndpoint(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(value, "expected an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new HubException(HubException.Reason.INVALID_REQUEST,
          "HF_ENDPOINT '" + value + "' is not a valid URL (" + e.getMessage()
              + "); expected e.g. https://huggingface.co");
    }
  }

  private static URI stripTrailingSlash(URI uri) {
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }
}
