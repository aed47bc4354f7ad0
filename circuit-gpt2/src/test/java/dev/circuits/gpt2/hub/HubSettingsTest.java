package dev.circuits.gpt2.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
  @TempDir Path home;

  @Test
  void defaultsFollowHuggingfaceHub() {
    HubSettings s = HubSettings.fromEnvironment(Map.of(), home);
    assertEquals(home.resolve(".cache/huggingface/hub").toAbsolutePath(), s.cacheDir());
    assertEquals(URI.create("https://huggingface.co"), s.endpoint());
    assertFalse(s.offline());
    assertEquals(Optional.empty(), s.token());
    assertTrue(s.progressBars());
  }

  @Test
  void cacheFolderPrecedence() {
    assertEquals(Path.of("/x/hf/hub"),
        HubSettings.fromEnvironment(Map.of("HF_HOME", "/x/hf"), home).cacheDir());
    assertEquals(Path.of("/y/c"),
        HubSettings.fromEnvironment(Map.of("HF_HOME", "/x/hf", "HF_HUB_CACHE", "/y/c"), home).cacheDir());
    assertEquals(Path.of("/xdg/huggingface/hub"),
        HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), home).cacheDir());
    assertEquals(home.resolve("hf/hub").toAbsolutePath(),
        HubSettings.fromEnvironment(Map.of("HF_HOME", "~/hf"), home).cacheDir());
    assertEquals(Path.of("/legacy"),
        HubSettings.fromEnvironment(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy"), home).cacheDir());
  }

  @Test
  void offlineFlagAcceptsHuggingfaceHubTruthyValues() {
    for (String v : new String[] {"1", "true", "TRUE", "yes", "on"}) {
      assertTrue(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", v), home).offline(), v);
    }
    for (String v : new String[] {"0", "false", "", "no"}) {
      assertFalse(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", v), home).offline(), v);
    }
    assertTrue(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "1"), home).offline());
  }

  @Test
  void endpointAndTokenAndProgress() throws IOException {
    HubSettings s = HubSettings.fromEnvironment(
        Map.of("HF_ENDPOINT", "http://127.0.0.1:9/", "HF_TOKEN", "hf_abc", "CI", "true"), home);
    assertEquals(URI.create("http://127.0.0.1:9"), s.endpoint());
    assertEquals(Optional.of("hf_abc"), s.token());
    assertFalse(s.progressBars());
    assertFalse(s.toString().contains("hf_abc"), s.toString());
    assertFalse(HubSettings.fromEnvironment(Map.of("HF_HUB_DISABLE_PROGRESS_BARS", "1"), home).progressBars());

    Path hfHome = home.resolve("hf");
    Files.createDirectories(hfHome);
    Files.writeString(hfHome.resolve("token"), "hf_from_login\n");
    assertEquals(Optional.of("hf_from_login"),
        HubSettings.fromEnvironment(Map.of("HF_HOME", hfHome.toString()), home).token());
    assertEquals(Optional.of("hf_env_wins"),
        HubSettings.fromEnvironment(Map.of("HF_HOME", hfHome.toString(), "HF_TOKEN", "hf_env_wins"), home)
            .token());

    HubException e = assertThrows(HubException.class,
        () -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "not a url"), home));
    assertTrue(e.getMessage().contains("HF_ENDPOINT"), e.getMessage());
  }
}
