package dev.circuits.scrubbing.patching;

import dev.circuits.core.match.IterativeMatcher;

/**
 * Extends a matcher that finds receiver nodes into one that finds senders reached from them
 * along allowed paths (REMIX's {@code matcher_extender}). Example:
 * {@code DirectPaths.extenderFactory(NodeSpec.head(9, 6, 15), Channel.ALL).extend(rootMatcher)}.
 */
@FunctionalInterface
public interface Extender {
  /** The matcher finding senders from wherever {@code receivers} finds a node. */
  IterativeMatcher extend(IterativeMatcher receivers);
}
