package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads files from the Hugging Face Hub into the cache layout {@code huggingface_hub} uses, so files
 * a Python user already downloaded are reused and ours are usable from Python.
 *
 * <pre>{@code
 * HuggingFaceHub hub = HuggingFaceHub.fromEnvironment();
 * Path dir = hub.downloadModel("openai-community/gpt2", "main"); // config.json, model.safetensors, ...
 * }</pre>
 */
public final class HuggingFaceHub {
  private static final Logger LOG = LoggerFactory.getLogger(HuggingFaceHub.class);

  /** The revision used when none is given. */
  public static final String DEFAULT_REVISION = "main";
  /** Files {@link #downloadModel} requires. */
  public static final List<String> MODEL_FILES = List.of("config.json", "model.safetensors");
  /** Files {@link #downloadModel} fetches when the repo has them. */
  public static final List<String> OPTIONAL_MODEL_FILES = List.of("tokenizer.json");

  private final HubSettings settings;
  private final RepoCache cache;
  private final HubHttp http;
  private final BlobDownloader downloader;

  private final DownloadLimits limits;
  /** How many metadata requests failed to reach the endpoint (to skip optional files then). */
  private final java.util.concurrent.atomic.AtomicLong unreachable =
      new java.util.concurrent.atomic.AtomicLong();

  private HuggingFaceHub(Builder b, HubSettings settings, DownloadLimits limits) {
    this.settings = settings;
    this.limits = limits;
    this.cache = new RepoCache(settings.cacheDir());
    HttpClient client = b.httpClient != null ? b.httpClient
        : HubHttp.defaultClient(limits.downloadTimeout());
    this.http = new HubHttp(client, settings, limits);
    DownloadProgress progress = b.progress != null ? b.progress : DownloadProgress.standard();
    this.downloader = new BlobDownloader(http, progress, b.maxRetries, b.retryBackoff, limits);
  }

  /** A hub client configured from the process environment ({@code HF_HOME}, {@code HF_TOKEN}, ...). */
  public static HuggingFaceHub fromEnvironment() {
    return builder().build();
  }

  /** A builder; by default it reads the process environment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The resolved settings (cache folder, endpoint, offline flag, token presence). */
  public HubSettings settings() {
    return settings;
  }

  /** The timeouts, deadline and minimum rate of requests and downloads. */
  public DownloadLimits limits() {
    return limits;
  }

  /** The hub cache folder ({@code $HF_HUB_CACHE}, default {@code ~/.cache/huggingface/hub}). */
  public Path cacheDir() {
    return settings.cacheDir();
  }

  /** {@link #download(String, String, String)} at revision {@code main}. */
  public Path download(String repoId, String filename) {
    return download(repoId, DEFAULT_REVISION, filename);
  }

  /**
   * The local path of {@code filename} in {@code repoId} at {@code revision} (branch, tag or commit),
   * downloading it into the cache if needed: {@code <cache>/models--ORG--NAME/snapshots/<commit>/<filename>}.
   *
   * @throws HubException naming repo, revision, file and URL when it cannot be found, fetched or verified
   */
  public Path download(String repoId, String revision, String filename) {
    RepoFile f = new RepoFile(repoId, revision, filename);
    if (f.revisionIsCommit()) {
      Optional<Path> hit = cache.find(f);
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    if (settings.offline()) {
      return cache.find(f).orElseThrow(
          () -> notCached(f, HubException.Reason.NOT_CACHED, "HF_HUB_OFFLINE is set", null));
    }
    FileMetadata meta;
    try {
      meta = http.head(f);
    } catch (IOException e) {
      unreachable.incrementAndGet();
      Optional<Path> hit = cache.find(f);
      if (hit.isPresent()) {
        LOG.warn("cannot reach {} ({}); using the cached {}", settings.endpoint(), e.toString(), hit.get());
        return hit.get();
      }
      throw notCached(f, HubException.Reason.NETWORK,
          "cannot reach " + settings.endpoint() + " (" + e + ")", e);
    }
    cache.writeRef(f, meta.commit());
    Path pointer = cache.snapshotPath(f, meta.commit());
    if (Files.isRegularFile(pointer)) {
      LOG.debug("{} is cached at {}", f, pointer);
      return pointer;
    }
    Path blob = cache.blobPath(f, meta.etag());
    BlobLock.with(cache.lockPath(f, meta.etag()), () -> {
      if (!Files.isRegularFile(blob)) {
        downloader.download(f, meta, cache.incompletePath(f, meta.etag()), blob);
      }
      return blob;
    });
    return cache.link(f, meta.commit(), blob);
  }

  /** The cached path of a file at a revision, without touching the network. */
  public Optional<Path> cached(String repoId, String revision, String filename) {
    return cache.find(new RepoFile(repoId, revision, filename));
  }

  /** {@link #downloadModel(String, String)} at revision {@code main}. */
  public Path downloadModel(String repoId) {
    return downloadModel(repoId, DEFAULT_REVISION);
  }

  /**
   * Fetches what a GPT-2 checkpoint needs ({@link #MODEL_FILES}, plus {@link #OPTIONAL_MODEL_FILES} when
   * the repo has them), all from the same commit, and returns the snapshot folder holding them.
   */
  public Path downloadModel(String repoId, String revision) {
    long unreachableBefore = unreachable.get();
    Path first = download(repoId, revision, MODEL_FILES.get(0));
    Path snapshot = first.getParent();
    String commit = snapshot.getFileName().toString();
    for (String file : MODEL_FILES.subList(1, MODEL_FILES.size())) {
      download(repoId, commit, file);
    }
    boolean endpointDown = unreachable.get() != unreachableBefore;
    for (String file : OPTIONAL_MODEL_FILES) {
      if (endpointDown && cached(repoId, commit, file).isEmpty()) {
        LOG.info("optional file {} of {} at {} is not cached and {} is unreachable; skipped",
            file, repoId, commit, settings.endpoint());
        continue;
      }
      try {
        download(repoId, commit, file);
      } catch (HubException e) {
        if (e.reason() != HubException.Reason.NOT_FOUND && e.reason() != HubException.Reason.NOT_CACHED
            && e.reason() != HubException.Reason.NETWORK) {
          throw e;
        }
        (e.reason() == HubException.Reason.NETWORK ? LOG.atWarn() : LOG.atInfo())
            .log("optional file {} not available for {} at {} ({}: {})", file, repoId, commit,
                e.reason(), e.getMessage());
      }
    }
    return snapshot;
  }

  private HubException notCached(RepoFile f, HubException.Reason reason, String why, Throwable cause) {
    String message = why + ", and " + f + " is not in the cache " + cache.repoDir(f)
        + ". Offline alternatives: pass a local model folder (holding config.json and model.safetensors)"
        + " instead of a hub id, use '--model planted-gpt2' (a built-in stand-in for GPT-2 small with"
        + " the IOI paper's circuit planted, no download) or '--model planted-ioi' (a small one), or"
        + " set HF_HUB_OFFLINE=0 with network access to download it.";
    return cause == null ? new HubException(reason, message) : new HubException(reason, message, cause);
  }

  /** Configures a {@link HuggingFaceHub}; every setting has a default. */
  public static final class Builder {
    private Map<String, String> env = System.getenv();
    private Path userHome = Path.of(System.getProperty("user.home"));
    private HubSettings settings;
    private HttpClient httpClient;
    private DownloadProgress progress;
    private int maxRetries = 5;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Duration timeout;
    private DownloadLimits limits;

    private Builder() {}

    /** Environment variables to read instead of the process environment. */
    public Builder env(Map<String, String> newEnv) {
      this.env = Map.copyOf(Objects.requireNonNull(newEnv, "env"));
      return this;
    }

    /** Home folder for {@code ~} and the default cache (default: {@code user.home}). */
    public Builder userHome(Path newUserHome) {
      this.userHome = Objects.requireNonNull(newUserHome, "userHome");
      return this;
    }

    /** Explicit settings; when given, {@link #env} and {@link #userHome} are ignored. */
    public Builder settings(HubSettings newSettings) {
      this.settings = Objects.requireNonNull(newSettings, "settings");
      return this;
    }

    /** The HTTP client; it should not follow redirects itself (the default does not). */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where progress goes (default: {@link DownloadProgress#standard()}, an SLF4J line every 10 s). */
    public Builder progress(DownloadProgress newProgress) {
      this.progress = Objects.requireNonNull(newProgress, "progress");
      return this;
    }

    /** How many times an interrupted download is resumed within one call (default 5). */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, got " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /** Wait before the n-th retry is n times this (default 1 s). */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Connect, response and idle-body timeout of each request (default: HF_HUB_ETAG_TIMEOUT
     * and HF_HUB_DOWNLOAD_TIMEOUT, 10 s each); overrides both.
     */
    public Builder timeout(Duration newTimeout) {
      this.timeout = Objects.requireNonNull(newTimeout, "timeout");
      return this;
    }

    /** Timeouts, deadline and minimum rate (default: {@link DownloadLimits#fromEnvironment}). */
    public Builder limits(DownloadLimits newLimits) {
      this.limits = Objects.requireNonNull(newLimits, "limits");
      return this;
    }

    /** Builds the client. */
    public HuggingFaceHub build() {
      HubSettings s = settings != null ? settings : HubSettings.fromEnvironment(env, userHome);
      DownloadLimits l = limits != null ? limits : DownloadLimits.fromEnvironment(env);
      return new HuggingFaceHub(this, s, timeout == null ? l : l.withTimeouts(timeout));
    }
  }
}
