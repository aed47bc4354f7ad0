package dev.circuits.gpt2.hub;

/** Decides whether a progress bar is drawn: only on an interactive terminal, never in CI. */
final class ProgressChoice {
  private ProgressChoice() {}

  static boolean showBar(HubSettings settings, boolean interactiveTerminal) {
    return settings.progressBars() && interactiveTerminal;
  }
}
