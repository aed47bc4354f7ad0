package dev.circuits.gpt2.hub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The library's progress callbacks draw nothing: silent, or an SLF4J line. */
class DownloadProgressTest {
  @Test
  void noneIsSilentAndStandardLogs() {
    DownloadProgress.Task task = DownloadProgress.none().start("x", 10, 0);
    task.advance(10);
    task.close();
    assertTrue(DownloadProgress.standard() instanceof LoggedProgress, "SLF4J by default");
    assertFalse(List.of(DownloadProgress.class.getMethods()).stream()
        .anyMatch(m -> m.getReturnType().getName().startsWith("me.tongfei")), "no bar library");
  }
}
