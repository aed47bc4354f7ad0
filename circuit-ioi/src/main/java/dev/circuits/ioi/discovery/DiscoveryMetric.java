package dev.circuits.ioi.discovery;

import java.util.Arrays;
import java.util.Locale;

/**
 * What ACDC watches: the mean logit difference (an edge goes when removing it moves the metric by
 * less than the threshold either way) or the mean KL divergence from the clean next-token
 * distribution (an edge goes when removing it raises the KL by less than the threshold).
 */
public enum DiscoveryMetric {
  /** Mean logit(IO) - logit(S) at END. */
  LOGIT_DIFF("logit-diff"),
  /** Mean KL(clean || patched) of the next-token distribution at END. */
  KL("kl");

  private final String key;

  DiscoveryMetric(String key) {
    this.key = key;
  }

  /** {@code logit-diff} or {@code kl}. */
  public String key() {
    return key;
  }

  /** Whether removing an edge that moves the metric from {@code before} to {@code after} is fine. */
  public boolean removable(double before, double after, double threshold) {
    double change = after - before;
    return this == KL ? change < threshold : Math.abs(change) < threshold;
  }

  /** The metric named {@code key}. */
  public static DiscoveryMetric parse(String key) {
    for (DiscoveryMetric m : values()) {
      if (m.key.equals(key.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new DiscoveryException("unknown metric '" + key + "'; expected one of "
        + Arrays.stream(values()).map(DiscoveryMetric::key).toList());
  }
}
