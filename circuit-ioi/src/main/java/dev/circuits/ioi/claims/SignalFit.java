package dev.circuits.ioi.claims;

import dev.circuits.ioi.experiments.SignalDatasets.Position;
import dev.circuits.ioi.experiments.SignalDatasets.Token;

/**
 * The least-squares fit {@code ld ~ a * S_pos + b * S_tok} (no intercept) of the IOI paper's
 * App. A over a grid of patched logit differences, and its mean relative error.
 */
public record SignalFit(double position, double token, double meanRelativeError) {

  /**
   * Fits the grid {@code ld[token][position]} of patched logit differences, indexed by the
   * ordinals of {@link Token} and {@link Position}, with their regressor values.
   */
  public static SignalFit ofGrid(double[][] grid) {
    Token[] tokens = Token.values();
    Position[] positions = Position.values();
    if (grid.length != tokens.length) {
      throw new IllegalArgumentException("signal grid needs " + tokens.length + " rows (token "
          + "signals), got " + grid.length);
    }
    int cells = tokens.length * positions.length;
    double[] pos = new double[cells];
    double[] tok = new double[cells];
    double[] ld = new double[cells];
    int k = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (grid[t].length != positions.length) {
        throw new IllegalArgumentException("signal grid row " + t + " needs " + positions.length
            + " cells (position signals), got " + grid[t].length);
      }
      for (int p = 0; p < positions.length; p++) {
        pos[k] = positions[p].sign();
        tok[k] = tokens[t].sign();
        ld[k++] = grid[t][p];
      }
    }
    return of(pos, tok, ld);
  }

  /** Fits {@code ld[i] ~ a * pos[i] + b * tok[i]}; needs two linearly independent columns. */
  public static SignalFit of(double[] pos, double[] tok, double[] ld) {
    if (pos.length != ld.length || tok.length != ld.length || ld.length < 2) {
      throw new IllegalArgumentException("signal fit needs equally long pos, tok, ld with at "
          + "least 2 cells, got " + pos.length + ", " + tok.length + ", " + ld.length);
    }
    double pp = 0;
    double tt = 0;
    double pt = 0;
    double py = 0;
    double ty = 0;
    for (int i = 0; i < ld.length; i++) {
      pp += pos[i] * pos[i];
      tt += tok[i] * tok[i];
      pt += pos[i] * tok[i];
      py += pos[i] * ld[i];
      ty += tok[i] * ld[i];
    }
    double det = pp * tt - pt * pt;
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("signal fit: the position and token columns are "
          + "collinear; expected a grid that varies them independently");
    }
    double a = (py * tt - ty * pt) / det;
    double b = (ty * pp - py * pt) / det;
    double err = 0;
    double scale = 0;
    for (int i = 0; i < ld.length; i++) {
      err += Math.abs(a * pos[i] + b * tok[i] - ld[i]);
      scale += Math.abs(ld[i]);
    }
    return new SignalFit(a, b, scale > 0 ? err / scale : 0);
  }

  /** |b| / (|a| + |b|): the token signal's share (the paper's ~30% on GPT-2 small). */
  public double tokenShare() {
    double total = Math.abs(position) + Math.abs(token);
    return total > 0 ? Math.abs(token) / total : 0;
  }
}
