package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Head names, selection of heads from sweep results, and comparisons with expectations. */
public final class Heads {
  private Heads() {}

  /** Parses {@code "9.9"} or {@code "a9.h9"}. */
  public static Head parse(String label) {
    return PatchSweep.parseHead(label);
  }

  /** {@code "L.H"}. */
  public static String label(Head h) {
    return h.layer() + "." + h.head();
  }

  /** {@code "9.6, 9.9"}, or {@code "none"}. */
  public static String labels(Collection<Head> heads) {
    return heads.isEmpty() ? "none"
        : heads.stream().map(Heads::label).collect(Collectors.joining(", "));
  }

  /** Which way a selection looks. */
  public enum Sign {
    /** Values below zero (patching the head lowers the metric). */
    NEGATIVE,
    /** Values above zero. */
    POSITIVE
  }

  /**
   * The heads (not MLPs) of {@code m} whose value has {@code sign} and magnitude at least
   * {@code minAbs} and at least {@code minOfTop} times the strongest such head, strongest first,
   * at most {@code max}.
   */
  public static List<Head> select(SweepMatrix m, Sign sign, double minAbs, double minOfTop,
      int max) {
    List<Head> all = new ArrayList<>();
    for (String c : m.ranking()) {
      if (!c.startsWith("m")) {
        double v = m.value(c);
        if ((sign == Sign.NEGATIVE ? v < 0 : v > 0) && Math.abs(v) >= minAbs) {
          all.add(parse(c));
        }
      }
    }
    if (all.isEmpty()) {
      return List.of();
    }
    double top = Math.abs(m.value(label(all.get(0))));
    return all.stream().filter(h -> Math.abs(m.value(label(h))) >= minOfTop * top).limit(max)
        .toList();
  }

  /** How a found set compares with an expected one: "found X; expected Y (k of n found)". */
  public static String compare(List<Head> found, List<Head> expected) {
    if (expected.isEmpty()) {
      return "found " + labels(found) + " (no expectation for this model)";
    }
    long hit = expected.stream().filter(found::contains).count();
    return "found " + labels(found) + "; expected " + labels(expected) + " (" + hit + " of "
        + expected.size() + " found)";
  }

  /** Whether every expected head was found (vacuously false when nothing is expected). */
  public static boolean coversAll(List<Head> found, List<Head> expected) {
    return !expected.isEmpty() && found.containsAll(expected);
  }

  /** The number of layers a run must compute to read every head of {@code heads} (at least 1). */
  static int layersFor(List<Head> heads) {
    return heads.stream().mapToInt(Head::layer).max().orElse(0) + 1;
  }
}
