package dev.circuits.core.match;

/**
 * Extends a matcher that finds receiver nodes into one that finds senders reached from them
 * along allowed paths (REMIX's {@code matcher_extender}). Example:
 * {@code m -> m.chain(IterativeMatcher.restrict(Matcher.named("a1.h0"), true, null, null, null))};
 * GPT-2's direct-path extenders are in {@code dev.circuits.gpt2.model.DirectPaths}.
 */
@FunctionalInterface
public interface Extender {
  /** The matcher finding senders from wherever {@code receivers} finds a node. */
  IterativeMatcher extend(IterativeMatcher receivers);
}
