package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the nodes an {@link IterativeMatcher} reports: a depth-first walk recording found nodes and
 * descending with each child's updated matcher. Results are deduplicated by hash, in visit order,
 * and memoised per getter on (circuit hash, matcher state).
 */
public final class Getter {
  private final boolean defaultFancyValidate;
  private final Map<Walk.Key<IterativeMatcher>, Set<Circuit>> getCache = new ConcurrentHashMap<>();
  private final Map<Walk.Key<IterativeMatcher>, Map<Circuit, List<Circuit>>> pathsCache =
      new ConcurrentHashMap<>();
  private final Map<Walk.Key<IterativeMatcher>, List<List<Circuit>>> allPathsCache =
      new ConcurrentHashMap<>();
  private final AnyFound anyFound = new AnyFound();

  /** A getter that does not validate by default. */
  public Getter() {
    this(false);
  }

  /** A getter that runs fancy validation on every {@code get} when {@code defaultFancyValidate}. */
  public Getter(boolean defaultFancyValidate) {
    this.defaultFancyValidate = defaultFancyValidate;
  }

  /** The distinct nodes {@code matcher} finds in {@code circuit}, in depth-first visit order. */
  public Set<Circuit> get(Circuit circuit, IterativeMatcher matcher) {
    return get(circuit, matcher, defaultFancyValidate);
  }

  /** As {@link #get(Circuit, IterativeMatcher)}, validating the matches when {@code fancyValidate}. */
  public Set<Circuit> get(Circuit circuit, IterativeMatcher matcher, boolean fancyValidate) {
    Set<Circuit> out = getCache.computeIfAbsent(Walk.Key.of(circuit, matcher),
        k -> Collections.unmodifiableSet(collect(circuit, matcher)));
    if (fancyValidate) {
      matcher.validateMatched(out);
    }
    return out;
  }

  private static Set<Circuit> collect(Circuit circuit, IterativeMatcher matcher) {
    Set<Circuit> found = new LinkedHashSet<>();
    Walk.run(circuit, matcher, new Walk.Handler<IterativeMatcher, Boolean, Boolean>() {
      @Override
      public Walk.Visit<IterativeMatcher, Boolean> enter(Circuit c, IterativeMatcher m) {
        Walk.Visit<IterativeMatcher, Boolean> v = Walk.matching(c, m);
        if (v.note()) {
          found.add(c);
        }
        return v;
      }

      @Override
      public Boolean exit(Circuit c, IterativeMatcher m, Walk.Visit<IterativeMatcher, Boolean> v,
          List<Boolean> childResults) {
        return Boolean.TRUE;
      }
    }, new HashMap<>());
    return found;
  }

  /** The single node found, or empty; throws a {@link MatchException} if several are found. */
  public Optional<Circuit> getUniqueOp(Circuit circuit, IterativeMatcher matcher) {
    Set<Circuit> out = get(circuit, matcher);
    if (out.size() > 1) {
      throw new MatchException(MatchException.Reason.NOT_UNIQUE, "found " + out.size()
          + " matches which is > 1 for matcher " + matcher + " in " + circuit.describe() + ": "
          + MatcherFormat.join(out));
    }
    return out.stream().findFirst();
  }

  /** The single node found; throws a {@link MatchException} unless there is exactly one. */
  public Circuit getUnique(Circuit circuit, IterativeMatcher matcher) {
    return getUniqueOp(circuit, matcher).orElseThrow(() -> new MatchException(
        MatchException.Reason.NOT_UNIQUE, "found no matches for matcher " + matcher + " in "
            + circuit.describe()));
  }

  /** Whether {@code matcher} finds anything in {@code circuit}. */
  public boolean anyFound(Circuit circuit, IterativeMatcher matcher) {
    return anyFound.anyFound(circuit, matcher);
  }

  /** Throws a {@link MatchException} if fancy validation of {@code matcher} fails on {@code circuit}. */
  public void validate(Circuit circuit, IterativeMatcher matcher) {
    get(circuit, matcher, true);
  }

  /** One path per found node, each listed from the node (first) up to the root (last). */
  public Map<Circuit, List<Circuit>> getPaths(Circuit circuit, IterativeMatcher matcher) {
    return Walk.run(circuit, matcher,
        new PathHandler<Map<Circuit, List<Circuit>>>() {
          @Override
          public Map<Circuit, List<Circuit>> exit(Circuit c, IterativeMatcher m,
              Walk.Visit<IterativeMatcher, Boolean> v, List<Map<Circuit, List<Circuit>>> rs) {
            Map<Circuit, List<Circuit>> out = new LinkedHashMap<>();
            if (v.note()) {
              out.put(c, List.of(c));
            }
            for (Map<Circuit, List<Circuit>> r : rs) {
              if (r != null) {
                r.forEach((found, path) -> out.computeIfAbsent(found, k -> append(path, c)));
              }
            }
            return Collections.unmodifiableMap(out);
          }
        }, pathsCache);
  }

  /** Every path to every found node (with repetitions), each from the node up to the root. */
  public Map<Circuit, List<List<Circuit>>> getAllPaths(Circuit circuit,
      IterativeMatcher matcher) {
    List<List<Circuit>> paths = Walk.run(circuit, matcher,
        new PathHandler<List<List<Circuit>>>() {
          @Override
          public List<List<Circuit>> exit(Circuit c, IterativeMatcher m,
              Walk.Visit<IterativeMatcher, Boolean> v, List<List<List<Circuit>>> rs) {
            List<List<Circuit>> out = new ArrayList<>();
            if (v.note()) {
              out.add(List.of(c));
            }
            for (List<List<Circuit>> r : rs) {
              if (r != null) {
                r.forEach(path -> out.add(append(path, c)));
              }
            }
            return Collections.unmodifiableList(out);
          }
        }, allPathsCache);
    Map<Circuit, List<List<Circuit>>> byNode = new LinkedHashMap<>();
    for (List<Circuit> p : paths) {
      byNode.computeIfAbsent(p.get(0), k -> new ArrayList<>()).add(p);
    }
    return byNode;
  }

  private static List<Circuit> append(List<Circuit> path, Circuit c) {
    List<Circuit> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(c);
    return Collections.unmodifiableList(out);
  }

  /** Enters nodes the same way for both path queries; the note is whether the node is found. */
  private abstract static class PathHandler<R>
      implements Walk.Handler<IterativeMatcher, Boolean, R> {
    @Override
    public Walk.Visit<IterativeMatcher, Boolean> enter(Circuit c, IterativeMatcher m) {
      return Walk.matching(c, m);
    }
  }
}
