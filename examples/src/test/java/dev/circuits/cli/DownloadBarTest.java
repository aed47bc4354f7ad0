package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.hub.DownloadProgress;
import dev.circuits.gpt2.hub.HubSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The command line's download bar: ASCII only, and only on a terminal outside CI. */
class DownloadBarTest {
  @Test
  void asciiBarRendersNameAndCompletionWithoutEscapeCodes() {
    List<String> lines = new CopyOnWriteArrayList<>();
    DownloadProgress progress = DownloadBar.ascii(new DelegatingProgressBarConsumer(lines::add,
        100));
    try (DownloadProgress.Task task = progress.start("model.safetensors", 4L << 20, 1L << 20)) {
      task.advance(3L << 20);
    }
    String last = lines.get(lines.size() - 1);
    assertTrue(last.contains("model.safetensors") && last.contains("100%"), last);
    assertFalse(String.join("", lines).contains("\u001b"), "ANSI escape in " + lines);
  }

  @Test
  void barOnlyOnATerminalAndNeverInCi() {
    Path home = Path.of("/tmp");
    HubSettings plain = HubSettings.fromEnvironment(Map.of(), home);
    HubSettings ci = HubSettings.fromEnvironment(Map.of("CI", "true"), home);
    assertTrue(DownloadBar.showBar(plain, true));
    assertFalse(DownloadBar.showBar(plain, false));
    assertFalse(DownloadBar.showBar(ci, true));
  }
}
