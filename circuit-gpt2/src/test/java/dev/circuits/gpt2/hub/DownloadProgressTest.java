package dev.circuits.gpt2.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
  @Test
  void asciiBarRendersNameAndCompletionWithoutEscapeCodes() {
    List<String> lines = new CopyOnWriteArrayList<>();
    DownloadProgress progress = DownloadProgress.asciiBar(new DelegatingProgressBarConsumer(lines::add, 100));
    try (DownloadProgress.Task task = progress.start("model.safetensors", 4L << 20, 1L << 20)) {
      task.advance(3L << 20);
    }
    String last = lines.get(lines.size() - 1);
    assertTrue(last.contains("model.safetensors") && last.contains("100%"), last);
    assertFalse(String.join("", lines).contains("\u001b"), "ANSI escape in " + lines);
  }

  @Test
  void barOnlyOnATerminalAndNeverInCi() {
    java.nio.file.Path home = java.nio.file.Path.of("/tmp");
    HubSettings plain = HubSettings.fromEnvironment(java.util.Map.of(), home);
    HubSettings ci = HubSettings.fromEnvironment(java.util.Map.of("CI", "true"), home);
    assertTrue(ProgressChoice.showBar(plain, true));
    assertFalse(ProgressChoice.showBar(plain, false));
    assertFalse(ProgressChoice.showBar(ci, true));
    DownloadProgress.Task task = DownloadProgress.none().start("x", 10, 0);
    task.advance(10);
    task.close();
  }
}
