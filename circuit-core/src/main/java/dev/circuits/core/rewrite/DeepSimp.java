package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.Kind;
import dev.circuits.core.Traversals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * rust_circuit's {@code deep_simp}: simplifies children first, then applies the first matching
 * rule at the node until none applies, fully simplifying any new descendants a rule creates.
 * Results are memoised by hash (across calls on one instance). A node rewritten more than
 * {@value #MAX_ITERATIONS} times throws a {@link RewriteLoopException}.
 */
public final class DeepSimp {
  /** Rewrites allowed at one node before the fixed point is declared to loop. */
  public static final int MAX_ITERATIONS = 50;

  private final Function<Kind, List<SimpRule>> rules;
  private final Map<HashKey, Circuit> done = new HashMap<>();

  DeepSimp(Function<Kind, List<SimpRule>> rules) {
    this.rules = rules;
  }

  /** The fully simplified {@code c}. */
  public Circuit simplify(Circuit c) {
    Circuit hit = done.get(HashKey.of(c));
    if (hit != null) {
      return hit;
    }
    // Descendants first, in the order recursion would visit them, but without recursion: deep
    // circuits cannot overflow the stack.
    java.util.Set<HashKey> entered = new java.util.HashSet<>();
    entered.add(HashKey.of(c));
    Traversals.walk(c, (parent, child) -> { },
        child -> !done.containsKey(HashKey.of(child)) && entered.add(HashKey.of(child)),
        n -> {
          if (!done.containsKey(HashKey.of(n))) {
            simplifyNode(n);
          }
        });
    return done.get(HashKey.of(c));
  }

  /** Simplifies {@code c}, whose original children are all simplified already. */
  private void simplifyNode(Circuit c) {
    Circuit result = withChildren(c, true);
    List<String> fired = new ArrayList<>();
    for (int iter = 0; ; iter++) {
      SimpRule applied = null;
      Circuit next = null;
      for (SimpRule r : rules.apply(result.kind())) {
        next = r.run(result).circuit();
        if (next != null) {
          applied = r;
          break;
        }
      }
      if (applied == null) {
        break;
      }
      fired.add(applied.name());
      if (iter >= MAX_ITERATIONS) {
        throw new RewriteLoopException("simp did not converge at " + c.describe() + " after "
            + MAX_ITERATIONS + " rewrites; last rules: "
            + fired.subList(Math.max(0, fired.size() - 8), fired.size()));
      }
      result = done.containsKey(HashKey.of(next)) ? done.get(HashKey.of(next))
          : withChildren(next, false);
    }
    done.put(HashKey.of(c), result);
    done.put(HashKey.of(result), result);
  }

  /** {@code c} with its children simplified (all, or only those not simplified yet). */
  private Circuit withChildren(Circuit c, boolean all) {
    List<Circuit> kids = new ArrayList<>(c.numChildren());
    boolean changed = false;
    for (Circuit k : c.children()) {
      Circuit s = all || !done.containsKey(HashKey.of(k)) ? simplify(k) : done.get(HashKey.of(k));
      changed |= s != k;
      kids.add(s);
    }
    return changed ? c.withChildren(kids) : c;
  }
}
