package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Restricts a matcher by depth (counted from where the restriction first applies; start inclusive,
 * end exclusive), optionally stopping below the first match or below nodes matching
 * {@code termEarlyAt} (such a node can itself still be found). {@code depth} is the traversal state.
 */
record Restrict(IterativeMatcher matcher, boolean termIfMatches, int startDepth, int endDepth,
    Matcher termEarlyAt, int depth) implements IterativeMatcher {
  /** No bound. */
  static final int NONE = -1;

  @Override
  public IterateMatchResults matchIterate(Circuit circuit) {
    if (endDepth != NONE && depth >= endDepth) {
      return IterateMatchResults.finished(false);
    }
    IterateMatchResults inner = matcher.matchIterate(circuit);
    boolean beforeStart = startDepth != NONE && depth < startDepth;
    boolean found = inner.found() && !beforeStart;
    boolean reachedEnd = endDepth != NONE && depth >= Math.max(endDepth - 1, 0);
    if (inner.updated().allFinished() || (found && termIfMatches) || reachedEnd
        || termEarlyAt.test(circuit)) {
      return IterateMatchResults.finished(found);
    }
    boolean needsDepthUpdate = endDepth != NONE || beforeStart;
    int newDepth = needsDepthUpdate ? depth + 1 : depth;
    Updated updated = inner.updated();
    if (needsDepthUpdate && updated instanceof Updated.Same) {
      updated = Updated.to(matcher);
    }
    return new IterateMatchResults(updated.map(
        m -> new Restrict(m, termIfMatches, startDepth, endDepth, termEarlyAt, newDepth)), found);
  }

  @Override
  public void validateMatched(Set<Circuit> matched) {
    matcher.validateMatched(matched);
  }

  @Override
  public String toString() {
    List<String> entries = new ArrayList<>();
    if (startDepth != NONE || endDepth != NONE) {
      entries.add("depth_range: " + (startDepth == NONE ? "" : startDepth) + ":"
          + (endDepth == NONE ? "" : endDepth));
    }
    if (!matcher.equals(Matcher.always())) {
      entries.add("matcher: " + matcher);
    }
    if (!termEarlyAt.equals(Matcher.never())) {
      entries.add("term_at: " + termEarlyAt);
    }
    if (termIfMatches) {
      entries.add("term_if_matches: true");
    }
    if (depth != 0) {
      entries.add("cur_depth:" + depth);
    }
    return "Restrict{" + MatcherFormat.maybeIndentedList(entries, ", ", false, true) + "}";
  }
}
