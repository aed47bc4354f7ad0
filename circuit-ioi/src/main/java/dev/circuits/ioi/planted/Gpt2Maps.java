package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.Linear.helmert;
import static dev.circuits.ioi.planted.Linear.scale;
import static dev.circuits.ioi.planted.Linear.shiftBack;
import static dev.circuits.ioi.planted.Linear.transpose;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.POSITION;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RESIDUAL;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;

/**
 * The read and write maps {@link PlantedGpt2Small}'s heads are made of. Identity spans (TOKEN_ID,
 * CUR_TOK, PREV_TOK, DUP_TOK, INHIBITED, MOVED) share one Helmert basis, so reading one and
 * writing another with {@link #copy} moves an identity vector unchanged; the position code is read
 * in its own Helmert basis, as is or shifted one position back.
 */
final class Gpt2Maps {
  /** Coordinates of an identity in a head: the Helmert basis of the 48 identity dims. */
  static final int IDENTITY_COORDS = TOKEN_ID.size() - 1;

  private static final Linear LINEAR = new Linear(RESIDUAL.dModel());
  private static final double[][] ID_BASIS = helmert(TOKEN_ID.size());
  private static final double[][] POS_BASIS = helmert(POSITION.size());

  private Gpt2Maps() {}

  /** A fresh head of this model's shape. */
  static HeadWeights head() {
    return new HeadWeights(RESIDUAL);
  }

  /** Reads the identity held in {@code span} ([47][d_model]). */
  static double[][] identity(Span span) {
    return LINEAR.read(span, ID_BASIS);
  }

  /** Writes {@code gain} times the identity read by {@link #identity} into {@code span}. */
  static double[][] copy(Span span, double gain) {
    return LINEAR.write(span, scale(transpose(ID_BASIS), gain));
  }

  /** Reads the position code. */
  static double[][] position() {
    return LINEAR.read(POSITION, POS_BASIS);
  }

  /** Reads the position code one step back: matches {@link #position} of the previous token. */
  static double[][] positionBack() {
    return LINEAR.read(POSITION, shiftBack(POS_BASIS));
  }

  /** Reads one dimension. */
  static double[][] read(int dim) {
    return LINEAR.read(dim);
  }

  /** Reads {@code a - b} of two dimensions. */
  static double[][] difference(int a, int b) {
    double[] v = LINEAR.unit(a);
    v[b] -= 1;
    return new double[][] {v};
  }

  /** The unit vector of one dimension (a key for {@link HeadWeights#qkBias}). */
  static double[] unit(int dim) {
    return LINEAR.unit(dim);
  }

  /** Writes {@code gain} times a one-row read into dimension {@code dim}. */
  static double[][] write(int dim, double gain) {
    return LINEAR.write(dim, gain);
  }

  /** Random zero-sum maps into JUNK, for the decoys. */
  static JunkMaps junk(long seed, double gain) {
    return new JunkMaps(seed, PlantedGpt2Layout.JUNK, gain, LINEAR);
  }
}
