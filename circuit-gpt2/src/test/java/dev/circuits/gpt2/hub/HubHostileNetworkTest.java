package dev.circuits.gpt2.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.testing.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a broken network ends in a typed error within the configured limits, and a complete
 * cache is used when the endpoint is unreachable.
 */
class HubHostileNetworkTest {
  private static final String REPO = "openai-community/gpt2";
  private static final byte[] CONFIG = "{\"n_layer\": 2}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WEIGHTS = new byte[64 * 1024];

  static {
    new Random(3).nextBytes(WEIGHTS);
  }

  @TempDir
  Path tmp;
  private FakeHub server;

  @BeforeEach
  void start() throws IOException {
    server = new FakeHub();
    server.addFile(REPO, "config.json", CONFIG, false);
    server.addFile(REPO, "model.safetensors", WEIGHTS, true);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HuggingFaceHub hub(String endpoint, DownloadLimits limits) {
    return HuggingFaceHub.builder()
        .env(Map.of("HF_HOME", tmp.resolve("hf").toString(), "HF_ENDPOINT", endpoint))
        .userHome(tmp.resolve("home")).progress(DownloadProgress.none())
        .retryBackoff(Duration.ZERO).limits(limits).build();
  }

  private HuggingFaceHub hub(DownloadLimits limits) {
    return hub(server.endpoint().toString(), limits);
  }

  private static DownloadLimits fast() {
    return DownloadLimits.defaults().withTimeouts(Duration.ofMillis(400));
  }

  private Path blobs() {
    return tmp.resolve("hf/hub/models--openai-community--gpt2/blobs");
  }

  @Test
  void aSlowTrickleFailsTheMinimumRateRule() {
    server.trickle(100, 50); // 2 kB/s
    long t0 = System.nanoTime();
    HubException e = assertThrows(HubException.class, () -> hub(fast()
        .withMinRate(10_000, Duration.ofMillis(1500))).download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.NETWORK, e.reason());
    assertTrue(e.getMessage().contains("too slow") && e.getMessage().contains("model.safetensors")
        && e.getMessage().contains("CIRCUITS_DOWNLOAD_MIN_RATE"), e.getMessage());
    assertTrue(System.nanoTime() - t0 < 6e9, "took " + (System.nanoTime() - t0) / 1e9 + " s");
  }

  @Test
  void aDownloadPastItsDeadlineFails() {
    server.trickle(2000, 50); // 40 kB/s: fast enough for the rate rule, not for the deadline
    HubException e = assertThrows(HubException.class, () -> hub(fast().withMinRate(0,
        Duration.ofSeconds(1)).withDeadline(Duration.ofMillis(700)))
        .download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.NETWORK, e.reason());
    assertTrue(e.getMessage().contains("deadline") && e.getMessage().contains("CIRCUITS_DOWNLOAD"
        + "_DEADLINE"), e.getMessage());
  }

  @Test
  void aSilentBodyFailsAfterTwoIdleTimeoutsNotAfterEveryRetry() {
    server.silentNextCdnGets(10);
    long t0 = System.nanoTime();
    HubException e = assertThrows(HubException.class,
        () -> hub(fast()).download(REPO, "model.safetensors"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(HubException.Reason.NETWORK, e.reason());
    assertTrue(e.getMessage().contains("twice in a row")
        && e.getMessage().contains("HF_HUB_DOWNLOAD_TIMEOUT"), e.getMessage());
    assertTrue(seconds < 3, "took " + seconds + " s");
    assertEquals(2, server.count("cdn", "GET"));
  }

  @Test
  void unsafeEtagsAreRejectedBeforeAnyFileIsCreated() throws IOException {
    for (String etag : List.of("..", ".", ".hidden", "a.incomplete", "a/b")) {
      server.etagOverride(etag);
      HubException e = assertThrows(HubException.class,
          () -> hub(fast()).download(REPO, "config.json"), etag);
      assertEquals(HubException.Reason.BAD_RESPONSE, e.reason());
      assertTrue(e.getMessage().contains("ETag"), e.getMessage());
    }
    assertTrue(!Files.exists(blobs()) || listNames(blobs()).isEmpty(),
        "no blob and no .incomplete file");
  }

  @Test
  void optionalFilesDoNotFailAnUnreachableEndpointWithACompleteCache() throws IOException {
    Path online = hub(fast()).downloadModel(REPO);
    assertFalse(Files.exists(online.resolve("tokenizer.json")));
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    assertEquals(online, hub("http://127.0.0.1:" + deadPort, fast()).downloadModel(REPO));
  }

  @Test
  void limitsComeFromTheEnvironmentAndBadValuesNameTheVariable() {
    DownloadLimits l = DownloadLimits.fromEnvironment(Map.of("HF_HUB_ETAG_TIMEOUT", "2.5",
        "HF_HUB_DOWNLOAD_TIMEOUT", "30", "CIRCUITS_DOWNLOAD_MIN_RATE", "0",
        "CIRCUITS_DOWNLOAD_DEADLINE", "90"));
    assertEquals(Duration.ofMillis(2500), l.etagTimeout());
    assertEquals(Duration.ofSeconds(30), l.downloadTimeout());
    assertEquals(Duration.ofSeconds(90), l.deadlineFor(1L << 40));
    assertEquals(0, l.minBytesPerSecond());
    assertEquals(DownloadLimits.DEADLINE_BASE.plusSeconds(100),
        DownloadLimits.defaults().deadlineFor(1_000_000));
    for (String var : List.of("HF_HUB_ETAG_TIMEOUT", "HF_HUB_DOWNLOAD_TIMEOUT",
        "CIRCUITS_DOWNLOAD_MIN_RATE", "CIRCUITS_DOWNLOAD_DEADLINE")) {
      HubException e = assertThrows(HubException.class,
          () -> DownloadLimits.fromEnvironment(Map.of(var, "-3")));
      assertEquals(HubException.Reason.INVALID_REQUEST, e.reason());
      assertTrue(e.getMessage().contains(var + "='-3'"), e.getMessage());
    }
  }

  @Test
  void withoutABarProgressIsLoggedSoCiIsNeverSilent() {
    long[] clock = {0};
    DownloadProgress p = new LoggedProgress(Duration.ofSeconds(10), () -> clock[0]);
    String log = CapturedLog.stderrOf(() -> {
      try (DownloadProgress.Task task = p.start("model.safetensors", 4L << 20, 0)) {
        clock[0] = 5_000_000_000L;
        task.advance(1L << 20);
        clock[0] = 11_000_000_000L;
        task.advance(1L << 20);
      }
    });
    assertEquals(1, log.lines().filter(l -> l.contains("downloading model.safetensors: 2 MB of"
        + " 4 MB")).count(), log);
  }

  private static List<String> listNames(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
