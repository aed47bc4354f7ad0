package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Rewrites what an {@link IterativeMatcher} finds, post-order: children are updated first (each
 * with its own matcher state, so a shared subcircuit is rewritten only along matching paths), then a
 * found node is rebuilt with its new children and passed to the transform. Parents re-validate
 * their new children; a rejected child raises a {@link MatchException} naming both.
 */
public final class Updater {
  private final UnaryOperator<Circuit> transform;
  private final UpdateOptions options;
  private final Map<Walk.Key<IterativeMatcher>, UpdateOutput> updateCache =
      new ConcurrentHashMap<>();
  private final Map<HashKey, Circuit> transformCache = new ConcurrentHashMap<>();
  private final Getter validationGetter = new Getter();

  /** An updater applying {@code transform} with default options. */
  public Updater(UnaryOperator<Circuit> transform) {
    this(transform, UpdateOptions.defaults());
  }

  /** An updater applying {@code transform} with {@code options}. */
  public Updater(UnaryOperator<Circuit> transform, UpdateOptions options) {
    this.transform = Objects.requireNonNull(transform, "transform");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** {@code circuit} with every node {@code matcher} finds replaced by its transform. */
  public Circuit update(Circuit circuit, IterativeMatcher matcher) {
    return update(circuit, matcher, options.fancyValidate(), options.assertAnyFound());
  }

  /** As {@link #update(Circuit, IterativeMatcher)} with per-call validation and assertion flags. */
  public Circuit update(Circuit circuit, IterativeMatcher matcher, boolean fancyValidate,
      boolean assertAnyFound) {
    if (fancyValidate) {
      validationGetter.validate(circuit, matcher);
    }
    Map<Walk.Key<IterativeMatcher>, UpdateOutput> memo =
        options.cacheUpdate() ? updateCache : new HashMap<>();
    UpdateOutput out = Walk.run(circuit, matcher, new Handler(), memo);
    if (assertAnyFound && !out.anyFound()) {
      throw new MatchException(MatchException.Reason.NO_MATCHES_FOUND,
          "No matches found during update\nmatcher: " + matcher + ", circuit: "
              + circuit.describe());
    }
    return out.updated();
  }

  private Circuit runTransform(Circuit c) {
    if (!options.cacheTransform()) {
      return Rebuild.apply(transform, c);
    }
    HashKey key = HashKey.of(c);
    Circuit hit = transformCache.get(key);
    if (hit == null) {
      hit = Rebuild.apply(transform, c);
      transformCache.put(key, hit);
    }
    return hit;
  }

  private final class Handler implements Walk.Handler<IterativeMatcher, Boolean, UpdateOutput> {
    @Override
    public Walk.Visit<IterativeMatcher, Boolean> enter(Circuit c, IterativeMatcher m) {
      return Walk.matching(c, m);
    }

    @Override
    public UpdateOutput exit(Circuit c, IterativeMatcher m,
        Walk.Visit<IterativeMatcher, Boolean> v, List<UpdateOutput> childResults) {
      boolean anyFound = v.note();
      Circuit[] updated = new Circuit[c.numChildren()];
      for (int i = 0; i < updated.length; i++) {
        UpdateOutput r = childResults.get(i);
        anyFound |= r != null && r.anyFound();
        updated[i] = r == null ? c.child(i) : r.updated();
      }
      Circuit out = Rebuild.withChildren(c, List.of(updated));
      if (v.note()) {
        out = runTransform(out);
      }
      return new UpdateOutput(out, anyFound);
    }
  }
}
