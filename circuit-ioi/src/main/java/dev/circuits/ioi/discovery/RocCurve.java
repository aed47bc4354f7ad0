package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * ACDC at several thresholds scored against a declared circuit: one point per threshold with the
 * heads' and the edges' true and false positive rates (the ROC curves of the ACDC paper).
 */
public record RocCurve(List<Point> points) {
  /** One threshold's run and score. */
  public record Point(double threshold, CircuitScore score, AcdcStats stats) {}

  /** Copies the points. */
  public RocCurve {
    points = List.copyOf(points);
  }

  /** Progress per finished threshold. */
  public interface Progress {
    /** Nothing. */
    Progress NONE = (done, total, point) -> {};

    /** Threshold {@code done} of {@code total} finished with {@code point}. */
    void threshold(int done, int total, Point point);
  }

  /** Runs ACDC at every threshold (metric {@code metric}) and scores each run. */
  public static RocCurve sweep(Gpt2Weights weights, IoiDataset clean, IoiDataset corrupt,
      DiscoveryMetric metric, List<Double> thresholds, PlantedTruth truth, Progress progress) {
    if (thresholds.isEmpty()) {
      throw new DiscoveryException("a ROC sweep needs at least one threshold");
    }
    List<Point> out = new ArrayList<>();
    for (double t : thresholds) {
      DiscoveredCircuit c = IoiDiscovery.discover(weights, clean, corrupt,
          new AcdcOptions(metric, t), Acdc.Progress.NONE);
      Point p = new Point(t, CircuitScore.of(c, truth), c.stats());
      out.add(p);
      progress.threshold(out.size(), thresholds.size(), p);
    }
    return new RocCurve(out);
  }

  /** {@code count} thresholds from {@code high} down to {@code low}, evenly spaced in log scale. */
  public static List<Double> logSpaced(double low, double high, int count) {
    if (!(low > 0) || !(high >= low) || count < 1) {
      throw new DiscoveryException("thresholds need 0 < low <= high and count >= 1, got " + low
          + ", " + high + ", " + count);
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double f = count == 1 ? 0 : (double) i / (count - 1);
      out.add(Math.exp(Math.log(high) + f * (Math.log(low) - Math.log(high))));
    }
    return out;
  }
}
