package dev.circuits.core.eval;

/**
 * Whether the float32 row kernels may use the JDK's Vector API ({@link VectorKernels}): the JVM
 * must load its incubator module ({@code java --add-modules jdk.incubator.vector}, as
 * {@code ./circuits} and the tests do), and {@code -Dcircuits.vectorApi=false} turns it off.
 * Without it the same functions run as ND4J ops (or plain Java loops), a few times slower.
 */
final class VectorSupport {
  private static final boolean LOADED =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  static volatile boolean enabled =
      LOADED && Boolean.parseBoolean(System.getProperty("circuits.vectorApi", "true"));

  private VectorSupport() {}

  /** Whether float32 row kernels run on the Vector API now. */
  static boolean enabled() {
    return enabled;
  }
}
