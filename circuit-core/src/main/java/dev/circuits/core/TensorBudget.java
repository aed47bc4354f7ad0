package dev.circuits.core;

import org.bytedeco.javacpp.Pointer;

/**
 * Refuses tensors too large to create, with a typed error naming them, before an int overflow
 * or an {@code OutOfMemoryError} (heap, or ND4J's off-heap limit) could happen.
 */
public final class TensorBudget {
  /** The most elements one Java array (so one tensor generated on the heap) can hold. */
  public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private TensorBudget() {}

  /**
   * The element count of {@code shape} as an int, when a tensor of that shape can be built in a
   * Java array of {@code heapBytesPerElement} bytes per element and copied off the heap with
   * {@code offHeapBytesPerElement}; otherwise a {@link ConstructException} ({@code ARRAY_INVALID})
   * naming {@code what}.
   */
  public static int javaArrayElements(Shape shape, int heapBytesPerElement,
      int offHeapBytesPerElement, String what) {
    String why = whyTooLarge(shape, heapBytesPerElement, offHeapBytesPerElement, true);
    if (why != null) {
      throw new ConstructException(ConstructException.Rule.ARRAY_INVALID,
          what + " of shape " + shape + " is too large: it " + why);
    }
    return (int) shape.numel();
  }

  /**
   * Why a tensor of {@code shape} cannot be made (null when it can): more elements than a long
   * (or, with {@code javaArray}, an int) counts, more heap than is free, or more off-heap memory
   * than ND4J may ever allocate ({@code -Dorg.bytedeco.javacpp.maxbytes}).
   */
  public static String whyTooLarge(Shape shape, int heapBytesPerElement,
      int offHeapBytesPerElement, boolean javaArray) {
    long n;
    try {
      n = shape.numel();
    } catch (ArithmeticException e) {
      return "has more than 2^63 elements";
    }
    if (javaArray && n > MAX_ELEMENTS) {
      return "has " + n + " elements; at most " + MAX_ELEMENTS + " fit in one Java array";
    }
    Runtime rt = Runtime.getRuntime();
    long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (heapBytesPerElement > 0 && n > heapFree / heapBytesPerElement) {
      return "needs " + mb(n, heapBytesPerElement) + " of heap but only " + (heapFree >> 20)
          + " MB are free (raise -Xmx)";
    }
    long offHeapMax = Pointer.maxBytes();
    if (offHeapBytesPerElement > 0 && offHeapMax > 0
        && n > offHeapMax / offHeapBytesPerElement) {
      return "needs " + mb(n, offHeapBytesPerElement) + " of off-heap memory, more than ND4J's "
          + "limit of " + (offHeapMax >> 20) + " MB (raise -Dorg.bytedeco.javacpp.maxbytes)";
    }
    return null;
  }

  private static String mb(long n, int bytesPerElement) {
    return n > Long.MAX_VALUE / bytesPerElement ? "more than 2^63 bytes"
        : ((n * bytesPerElement) >> 20) + " MB";
  }
}
