package dev.circuits.core.match;

/**
 * Options of an {@link Updater}: fail when nothing matched ({@code assertAnyFound}), fancy-validate
 * the matcher first, keep transform results by input hash ({@code cacheTransform}) and update
 * results by (hash, matcher state) across calls ({@code cacheUpdate}; within one call shared
 * (node, state) pairs are always computed once).
 */
public record UpdateOptions(boolean assertAnyFound, boolean fancyValidate,
    boolean cacheTransform, boolean cacheUpdate) {
  /** rust_circuit's defaults: no assertion, no validation, both caches on. */
  public static UpdateOptions defaults() {
    return new UpdateOptions(false, false, true, true);
  }

  /** These options with {@code assertAnyFound} set. */
  public UpdateOptions withAssertAnyFound(boolean on) {
    return new UpdateOptions(on, fancyValidate, cacheTransform, cacheUpdate);
  }

  /** These options with {@code fancyValidate} set. */
  public UpdateOptions withFancyValidate(boolean on) {
    return new UpdateOptions(assertAnyFound, on, cacheTransform, cacheUpdate);
  }

  /** These options with {@code cacheTransform} set. */
  public UpdateOptions withCacheTransform(boolean on) {
    return new UpdateOptions(assertAnyFound, fancyValidate, on, cacheUpdate);
  }

  /** These options with {@code cacheUpdate} set. */
  public UpdateOptions withCacheUpdate(boolean on) {
    return new UpdateOptions(assertAnyFound, fancyValidate, cacheTransform, on);
  }
}
