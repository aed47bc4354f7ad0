package dev.circuits.ioi.discovery;

/**
 * ACDC's settings: the metric and the threshold tau (an edge is removed when removing it moves
 * the metric by less than tau; see {@link DiscoveryMetric#removable}).
 */
public record AcdcOptions(DiscoveryMetric metric, double threshold) {
  /** Default threshold for the logit difference (in logits). */
  public static final double DEFAULT_LOGIT_DIFF_THRESHOLD = 0.02;
  /** Default threshold for the KL divergence (in nats). */
  public static final double DEFAULT_KL_THRESHOLD = 0.0005;

  /** Checks the threshold. */
  public AcdcOptions {
    if (metric == null) {
      throw new DiscoveryException("a metric is required");
    }
    if (!Double.isFinite(threshold) || threshold < 0) {
      throw new DiscoveryException("the threshold must be a finite number >= 0, got " + threshold);
    }
  }

  /** {@code metric} with its default threshold. */
  public static AcdcOptions defaults(DiscoveryMetric metric) {
    return new AcdcOptions(metric, metric == DiscoveryMetric.KL ? DEFAULT_KL_THRESHOLD
        : DEFAULT_LOGIT_DIFF_THRESHOLD);
  }

  /** These options with threshold {@code t}. */
  public AcdcOptions withThreshold(double t) {
    return new AcdcOptions(metric, t);
  }
}
