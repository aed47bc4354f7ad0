package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Answers "does this matcher find anything here?", memoised on (circuit hash, matcher state). */
final class AnyFound {
  private final Map<Walk.Key<IterativeMatcher>, Boolean> cache = new ConcurrentHashMap<>();

  private static final Walk.Handler<IterativeMatcher, Boolean, Boolean> HANDLER =
      new Walk.Handler<>() {
        @Override
        public Walk.Visit<IterativeMatcher, Boolean> enter(Circuit c, IterativeMatcher m) {
          Walk.Visit<IterativeMatcher, Boolean> v = Walk.matching(c, m);
          return v.note() ? Walk.Visit.leaf(true) : v;
        }

        @Override
        public Boolean exit(Circuit c, IterativeMatcher m, Walk.Visit<IterativeMatcher, Boolean> v,
            List<Boolean> childResults) {
          return v.note() || childResults.stream().anyMatch(Boolean.TRUE::equals);
        }
      };

  /** Whether {@code matcher} finds anything in {@code circuit}. */
  boolean anyFound(Circuit circuit, IterativeMatcher matcher) {
    return Walk.run(circuit, matcher, HANDLER, cache);
  }
}
