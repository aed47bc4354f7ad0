package dev.circuits.gpt2.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceHubTest {
  private static final String REPO = "openai-community/gpt2";
  private static final byte[] CONFIG =
      "{\"model_type\": \"gpt2\", \"n_layer\": 2}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WEIGHTS = randomBytes(256 * 1024 + 3, 7);
  private static final String WEIGHTS_SHA = FakeHub.sha256(WEIGHTS);

  @TempDir Path tmp;
  private FakeHub server;
  private Path cache;

  @BeforeEach
  void start() throws IOException {
    server = new FakeHub();
    server.addFile(REPO, "config.json", CONFIG, false);
    server.addFile(REPO, "model.safetensors", WEIGHTS, true);
    server.addFile(REPO, "onnx/decoder.onnx", randomBytes(1000, 3), true);
    server.addFile("gpt2", "config.json", CONFIG, false);
    cache = tmp.resolve("hf-home").resolve("hub");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, String> env(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("HF_HOME", tmp.resolve("hf-home").toString());
    env.put("HF_ENDPOINT", server.endpoint().toString());
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  private HuggingFaceHub hub(String... extraEnv) {
    return HuggingFaceHub.builder()
        .env(env(extraEnv))
        .userHome(tmp.resolve("home"))
        .progress(DownloadProgress.none())
        .retryBackoff(Duration.ZERO)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private Path repoDir() {
    return cache.resolve("models--openai-community--gpt2");
  }

  @Test
  void freshDownloadLandsInHuggingFaceLayoutAndIsReused() throws IOException {
    HuggingFaceHub hub = hub();
    assertEquals(cache.toAbsolutePath(), hub.cacheDir());

    Path config = hub.download(REPO, "config.json");
    Path weights = hub.download(REPO, "main", "model.safetensors");

    Path snapshot = repoDir().resolve("snapshots").resolve(FakeHub.COMMIT);
    assertEquals(snapshot.resolve("config.json"), config);
    assertEquals(snapshot.resolve("model.safetensors"), weights);
    assertArrayEquals(CONFIG, Files.readAllBytes(config));
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    assertEquals(FakeHub.COMMIT, Files.readString(repoDir().resolve("refs/main")));
    // Snapshot entries are relative symlinks into blobs/, named by etag (sha256 for LFS files).
    assertTrue(Files.isSymbolicLink(weights));
    assertEquals(Path.of("../../blobs/" + WEIGHTS_SHA), Files.readSymbolicLink(weights));
    assertArrayEquals(WEIGHTS, Files.readAllBytes(repoDir().resolve("blobs").resolve(WEIGHTS_SHA)));
    assertTrue(Files.isSymbolicLink(config));
    try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
      List<String> names = blobs.map(p -> p.getFileName().toString()).collect(Collectors.toList());
      assertEquals(2, names.size(), names.toString());
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".incomplete")), names.toString());
    }
    assertEquals(2, server.getCount());
    // The token-less client sent no Authorization header anywhere.
    assertTrue(server.requests().stream().allMatch(r -> r.authorization() == null));

    // Second time: HEAD only, no GET.
    assertEquals(weights, hub.download(REPO, "main", "model.safetensors"));
    assertEquals(config, hub.download(REPO, "config.json"));
    assertEquals(2, server.getCount());
    assertEquals(4, server.count("hub", "HEAD"));
  }

  @Test
  void fileInSubfolderLinksWithTheRightDepth() throws IOException {
    Path onnx = hub().download(REPO, "onnx/decoder.onnx");
    assertEquals("../../../blobs/", Files.readSymbolicLink(onnx).toString().substring(0, 15));
    assertEquals(1000, Files.size(onnx));
  }

  @Test
  void bareRepoIdKeepsItsNameInTheCache() {
    Path config = hub().download("gpt2", "config.json");
    assertEquals(cache.resolve("models--gpt2/snapshots/" + FakeHub.COMMIT + "/config.json"), config);
  }

  @Test
  void renamedRepoFollowsRelativeRedirect() throws IOException {
    server.rename("old-org/gpt2", REPO);
    Path config = hub().download("old-org/gpt2", "config.json");
    assertArrayEquals(CONFIG, Files.readAllBytes(config));
    assertTrue(config.startsWith(cache.resolve("models--old-org--gpt2")), config.toString());
  }

  @Test
  void offlineModeUsesTheCacheWithoutNetwork() {
    Path online = hub().download(REPO, "model.safetensors");
    int before = server.requests().size();

    Path offline = hub("HF_HUB_OFFLINE", "1").download(REPO, "model.safetensors");
    assertEquals(online, offline);
    assertEquals(before, server.requests().size());
    assertTrue(hub("HF_HUB_OFFLINE", "true").settings().offline());
  }

  @Test
  void offlineWithEmptyCacheFailsFastNamingAlternatives() {
    HubException e = assertThrows(HubException.class,
        () -> hub("HF_HUB_OFFLINE", "1").download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.NOT_CACHED, e.reason());
    String m = e.getMessage();
    assertTrue(m.contains("HF_HUB_OFFLINE") && m.contains("planted-ioi") && m.contains("local model folder")
        && m.contains("model.safetensors") && m.contains(REPO), m);
    assertTrue(server.requests().isEmpty());
  }

  @Test
  void unreachableHubFallsBackToCacheOrFailsNamingAlternatives() throws IOException {
    hub().download(REPO, "config.json");
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    HuggingFaceHub dead = hub("HF_ENDPOINT", "http://127.0.0.1:" + deadPort);
    assertArrayEquals(CONFIG, Files.readAllBytes(dead.download(REPO, "config.json")));

    HubException e = assertThrows(HubException.class, () -> dead.download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.NETWORK, e.reason());
    assertTrue(e.getMessage().contains("planted-ioi") && e.getMessage().contains("127.0.0.1:" + deadPort),
        e.getMessage());
  }

  @Test
  void droppedConnectionLeavesPartialFileThatTheNextCallResumes() throws IOException {
    server.dropNextCdnGets(1);
    HuggingFaceHub noRetry = HuggingFaceHub.builder().env(env()).progress(DownloadProgress.none())
        .maxRetries(0).build();
    HubException e = assertThrows(HubException.class, () -> noRetry.download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.NETWORK, e.reason());
    Path partial = repoDir().resolve("blobs").resolve(WEIGHTS_SHA + ".incomplete");
    assertTrue(e.getMessage().contains(partial.toString()), e.getMessage());
    long half = WEIGHTS.length / 2;
    assertEquals(half, Files.size(partial));
    assertFalse(Files.exists(repoDir().resolve("blobs").resolve(WEIGHTS_SHA)));

    Path weights = noRetry.download(REPO, "model.safetensors");
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    assertFalse(Files.exists(partial));
    List<FakeHub.Request> cdnGets = server.requests().stream()
        .filter(r -> r.server().equals("cdn") && r.method().equals("GET")).collect(Collectors.toList());
    assertEquals(2, cdnGets.size());
    assertNull(cdnGets.get(0).range());
    assertEquals("bytes=" + half + "-", cdnGets.get(1).range());
  }

  @Test
  void droppedConnectionIsResumedWithinOneCallWhenRetriesAllow() throws IOException {
    server.dropNextCdnGets(2);
    Path weights = hub().download(REPO, "model.safetensors");
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    List<String> ranges = server.requests().stream()
        .filter(r -> r.server().equals("cdn")).map(FakeHub.Request::range).collect(Collectors.toList());
    long first = WEIGHTS.length / 2;
    long second = first + (WEIGHTS.length - first) / 2;
    assertEquals(java.util.Arrays.asList(null, "bytes=" + first + "-", "bytes=" + second + "-"), ranges);
  }

  @Test
  void stalledConnectionTimesOutAndIsResumed() throws IOException {
    server.stallNextCdnGets(1);
    HuggingFaceHub hub = HuggingFaceHub.builder().env(env()).progress(DownloadProgress.none())
        .timeout(Duration.ofMillis(300)).retryBackoff(Duration.ZERO).maxRetries(1).build();
    long start = System.nanoTime();
    Path weights = hub.download(REPO, "model.safetensors");
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    assertTrue(System.nanoTime() - start < 2_500_000_000L, "the 3 s stall should have been cut short");
    assertEquals("bytes=" + WEIGHTS.length / 2 + "-", server.requests().stream()
        .filter(r -> r.server().equals("cdn")).skip(1).findFirst().orElseThrow().range());
  }

  @Test
  void serverIgnoringRangeRestartsFromZero() throws IOException {
    Path partial = repoDir().resolve("blobs").resolve(WEIGHTS_SHA + ".incomplete");
    Files.createDirectories(partial.getParent());
    Files.write(partial, new byte[1000]); // wrong bytes: only a restart from 0 can fix them
    server.ignoreRange(true);
    Path weights = hub().download(REPO, "model.safetensors");
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    assertEquals("bytes=1000-", server.requests().stream()
        .filter(r -> r.server().equals("cdn")).findFirst().orElseThrow().range());
  }

  @Test
  void missingFileIsNotFoundNamingRepoRevisionFileAndUrl() {
    HubException e = assertThrows(HubException.class, () -> hub().download(REPO, "main", "nope.bin"));
    assertEquals(HubException.Reason.NOT_FOUND, e.reason());
    String m = e.getMessage();
    assertTrue(m.contains(REPO) && m.contains("main") && m.contains("nope.bin")
        && m.contains(server.endpoint() + "/" + REPO + "/resolve/main/nope.bin") && m.contains("EntryNotFound"), m);

    HubException rev = assertThrows(HubException.class, () -> hub().download(REPO, "v9", "config.json"));
    assertEquals(HubException.Reason.NOT_FOUND, rev.reason());
    assertTrue(rev.getMessage().contains("RevisionNotFound"), rev.getMessage());
  }

  @Test
  void corruptDownloadFailsVerificationAndLeavesNoBlob() throws IOException {
    server.corruptCdn(true);
    HubException e = assertThrows(HubException.class, () -> hub().download(REPO, "model.safetensors"));
    assertEquals(HubException.Reason.VERIFICATION_FAILED, e.reason());
    String actual = FakeHub.sha256(corrupted(WEIGHTS));
    String m = e.getMessage();
    assertTrue(m.contains("model.safetensors") && m.contains(WEIGHTS_SHA) && m.contains(actual)
        && m.contains(Integer.toString(WEIGHTS.length)), m);
    try (Stream<Path> blobs = Files.list(repoDir().resolve("blobs"))) {
      assertEquals(List.of(), blobs.collect(Collectors.toList()));
    }
    assertFalse(Files.exists(repoDir().resolve("snapshots").resolve(FakeHub.COMMIT).resolve("model.safetensors")));
  }

  @Test
  void tokenIsSentAsBearerToTheHubButNotToTheCdn() throws IOException {
    server.requireToken("hf_secret");
    HubException e = assertThrows(HubException.class, () -> hub().download(REPO, "config.json"));
    assertEquals(HubException.Reason.UNAUTHORIZED, e.reason());
    assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());

    HubException wrong = assertThrows(HubException.class,
        () -> hub("HF_TOKEN", "hf_wrong").download(REPO, "config.json"));
    assertTrue(wrong.getMessage().contains("HF_TOKEN") && wrong.getMessage().contains("rejected"),
        wrong.getMessage());

    HuggingFaceHub authed = hub("HF_TOKEN", "hf_secret");
    assertArrayEquals(WEIGHTS, Files.readAllBytes(authed.download(REPO, "model.safetensors")));
    List<FakeHub.Request> last = server.requests().subList(server.requests().size() - 2, server.requests().size());
    assertEquals("hub", last.get(0).server());
    assertEquals("Bearer hf_secret", last.get(0).authorization());
    assertEquals("cdn", last.get(1).server());
    assertNull(last.get(1).authorization());
  }

  @Test
  void handMadePythonCacheIsReusedWithoutNetwork() throws IOException {
    // Laid out like huggingface_hub: blobs/<etag>, snapshots/<commit>/<file> -> ../../blobs/<etag>, refs/main.
    String commit = "fedcba9876543210fedcba9876543210fedcba98";
    Path repo = cache.resolve("models--openai-community--gpt2");
    Files.createDirectories(repo.resolve("blobs"));
    Files.createDirectories(repo.resolve("refs"));
    Files.createDirectories(repo.resolve("snapshots").resolve(commit));
    Files.write(repo.resolve("blobs").resolve(WEIGHTS_SHA), WEIGHTS);
    Files.write(repo.resolve("blobs").resolve("a1b2c3"), CONFIG);
    Files.writeString(repo.resolve("refs/main"), commit);
    Files.createSymbolicLink(repo.resolve("snapshots").resolve(commit).resolve("model.safetensors"),
        Path.of("../../blobs/" + WEIGHTS_SHA));
    Files.createSymbolicLink(repo.resolve("snapshots").resolve(commit).resolve("config.json"),
        Path.of("../../blobs/a1b2c3"));

    HuggingFaceHub offline = hub("HF_HUB_OFFLINE", "1");
    Path weights = offline.download(REPO, "model.safetensors");
    assertEquals(repo.resolve("snapshots").resolve(commit).resolve("model.safetensors"), weights);
    assertArrayEquals(WEIGHTS, Files.readAllBytes(weights));
    // tokenizer.json is optional: the model folder is still returned.
    assertEquals(repo.resolve("snapshots").resolve(commit), offline.downloadModel(REPO));
    assertTrue(offline.cached(REPO, "main", "config.json").isPresent());
    assertTrue(offline.cached(REPO, "main", "tokenizer.json").isEmpty());
    // Online but pinned to the cached commit: no request either.
    assertEquals(weights, hub().download(REPO, commit, "model.safetensors"));
    assertTrue(server.requests().isEmpty(), server.requests().toString());
  }

  @Test
  void downloadModelFetchesRequiredFilesAndToleratesMissingOptionalOnes() throws IOException {
    Path dir = hub().downloadModel(REPO, "main");
    assertEquals(cache.resolve("models--openai-community--gpt2/snapshots/" + FakeHub.COMMIT), dir);
    assertArrayEquals(CONFIG, Files.readAllBytes(dir.resolve("config.json")));
    assertArrayEquals(WEIGHTS, Files.readAllBytes(dir.resolve("model.safetensors")));
    assertFalse(Files.exists(dir.resolve("tokenizer.json")));
    // Files after the first are asked for at the commit the first resolved to.
    assertTrue(server.requests().stream().anyMatch(
        r -> r.path().equals("/" + REPO + "/resolve/" + FakeHub.COMMIT + "/tokenizer.json")));

    server.addFile(REPO, "tokenizer.json", "{}".getBytes(StandardCharsets.UTF_8), false);
    assertEquals("{}", Files.readString(hub().downloadModel(REPO).resolve("tokenizer.json")));

    HubException e = assertThrows(HubException.class, () -> hub().downloadModel("gpt2"));
    assertEquals(HubException.Reason.NOT_FOUND, e.reason());
    assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
  }

  @Test
  void malformedRequestsAreRejectedBeforeAnyNetwork() {
    HuggingFaceHub hub = hub();
    for (String bad : new String[] {"", "a/b/c", "a--b", "../x", "org/"}) {
      HubException e = assertThrows(HubException.class, () -> hub.download(bad, "config.json"), bad);
      assertEquals(HubException.Reason.INVALID_REQUEST, e.reason());
    }
    assertThrows(HubException.class, () -> hub.download(REPO, "../etc/passwd"));
    assertThrows(HubException.class, () -> hub.download(REPO, "main/../x", "config.json"));
    assertTrue(server.requests().isEmpty());
  }

  private static byte[] corrupted(byte[] content) {
    byte[] c = content.clone();
    for (int i = 0; i < c.length; i += 7) {
      c[i] ^= 0x5A;
    }
    return c;
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
