package dev.circuits.ioi;

import dev.circuits.core.internal.PythonRandom;

/**
 * The random state IOI datasets draw from, standing in for Python's process-global {@code random}
 * module. A dataset keeps the context it was built with, and its flips draw from that same context, so
 * the result of a flip depends on what was built or flipped in the context before it, exactly as in a
 * REMIX notebook.
 *
 * <p>{@link #remix()} (the default) reseeds on every dataset construction, flips included (with 42, since
 * REMIX's flips pass no seed): e.g. {@code ioi.flip(IO)} continues from the state after {@code ioi}'s own
 * draws, but a second flip of {@code ioi} starts again from a fresh seed-42 state. {@link
 * #independentFlips()} reseeds only when a dataset is generated, so chained flips draw fresh names.
 * Access is synchronised on this object; a flip holds the lock for its draws and construction.
 */
public final class IoiRng {
  /** When the context is reseeded. */
  public enum Mode {
    /** Every construction reseeds (REMIX): generated datasets with their seed, flips with 42. */
    REMIX,
    /** Only generated datasets reseed; flips and manual-metadata copies continue the stream. */
    INDEPENDENT_FLIPS
  }

  private final Mode mode;
  private final PythonRandom random;

  private IoiRng(Mode mode) {
    this.mode = mode;
    this.random = new PythonRandom(IoiDataset.DEFAULT_SEED);
  }

  /** A fresh stand-in for one Python process's global {@code random}, reseeded on every construction. */
  public static IoiRng remix() {
    return new IoiRng(Mode.REMIX);
  }

  /** A context reseeded only when a dataset is generated; flips continue the stream (no correlations). */
  public static IoiRng independentFlips() {
    return new IoiRng(Mode.INDEPENDENT_FLIPS);
  }

  /** This context's reseeding mode. */
  public Mode mode() {
    return mode;
  }

  /** Called at the start of every dataset construction, as REMIX's {@code random.seed(seed)}. */
  synchronized void onConstruct(long seed, boolean generated) {
    if (mode == Mode.REMIX || generated) {
      random.seed(seed);
    }
  }

  /** The underlying generator; callers must hold this object's lock while drawing. */
  PythonRandom random() {
    return random;
  }

  /** A snapshot of the current state (for tests and diagnostics). */
  public synchronized PythonRandom snapshot() {
    return random.copy();
  }

  @Override
  public String toString() {
    return "IoiRng[" + mode + "]";
  }
}
