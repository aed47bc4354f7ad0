package dev.circuits.ioi.plot;

import java.awt.Color;
import java.util.List;

/** Colour maps for heatmaps, as lists of evenly spaced stops interpolated linearly. */
public enum ColourScale {
  /**
   * Plotly's (ColorBrewer's) {@code RdBu}: dark red at the low end, white in the middle, dark blue
   * at the high end; REMIX's {@code show_mtx} centres it on 0, so negative is red.
   */
  RED_WHITE_BLUE(List.of(rgb(103, 0, 31), rgb(178, 24, 43), rgb(214, 96, 77), rgb(244, 165, 130),
      rgb(253, 219, 199), rgb(247, 247, 247), rgb(209, 229, 240), rgb(146, 197, 222),
      rgb(67, 147, 195), rgb(33, 102, 172), rgb(5, 48, 97))),
  /** ColorBrewer's {@code Blues}: white at the low end to dark blue (attention patterns). */
  WHITE_BLUE(List.of(rgb(247, 251, 255), rgb(222, 235, 247), rgb(198, 219, 239),
      rgb(158, 202, 225), rgb(107, 174, 214), rgb(66, 146, 198), rgb(33, 113, 181),
      rgb(8, 81, 156), rgb(8, 48, 107)));

  private final List<Color> stops;

  ColourScale(List<Color> stops) {
    this.stops = stops;
  }

  /** The stops, low end first. */
  public List<Color> stops() {
    return stops;
  }

  /** The colour at {@code fraction} of the way from the low end (clamped to [0, 1]). */
  public Color at(double fraction) {
    double f = Double.isNaN(fraction) ? 0.5 : Math.max(0, Math.min(1, fraction));
    double pos = f * (stops.size() - 1);
    int i = Math.min((int) Math.floor(pos), stops.size() - 2);
    double t = pos - i;
    Color a = stops.get(i);
    Color b = stops.get(i + 1);
    return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
        mix(a.getBlue(), b.getBlue(), t));
  }

  /** {@code #rrggbb} of {@link #at}. */
  public String hexAt(double fraction) {
    Color c = at(fraction);
    return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  private static Color rgb(int r, int g, int b) {
    return new Color(r, g, b);
  }
}
