package dev.circuits.core.eval;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.ConstructException;
import dev.circuits.core.HashKey;
import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Traversals;
import dev.circuits.core.rewrite.PushDownIndex;
import dev.circuits.core.rewrite.RewriteNotApplicableException;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Computes nothing no output reads: a node read only through one and the same index (ints and
 * slices, e.g. the last position of a sequence) is computed indexed, by pushing that index one
 * level into it ({@link PushDownIndex}); its children then see the demand in turn. So the last
 * layer of a transformer whose logits are read at one position runs its MLP on that row only,
 * while everything still read in full elsewhere (keys and values of earlier positions) is
 * computed once, as before. Outputs and cached values are always kept whole, and an indexed Add
 * starts from an Add of the same terms that is computed anyway (as {@link PartialSums} does), so a
 * residual stream of flat Adds costs one small addition per indexed term.
 */
final class IndexSinking {
  private final Map<HashKey, List<Circuit>> readers = new HashMap<>();
  private final Map<HashKey, TensorIndex> demand = new HashMap<>();
  private final Map<HashKey, Circuit> pushed = new HashMap<>();
  private final Map<HashKey, Circuit> whole = new HashMap<>();
  private final Map<HashKey, Circuit> indexed = new HashMap<>();

  private IndexSinking() {}

  /** {@code roots} rebuilt so that nodes read through one index are computed indexed. */
  static List<Circuit> apply(List<Circuit> roots, Predicate<HashKey> cached) {
    IndexSinking s = new IndexSinking();
    List<Circuit> order = new ArrayList<>();
    boolean[] anyIndex = {false};
    Set<HashKey> seen = new HashSet<>();
    Set<HashKey> rootKeys = new HashSet<>();
    for (Circuit root : roots) {
      rootKeys.add(HashKey.of(root));
      if (seen.add(HashKey.of(root))) {
        Traversals.walk(root,
            (parent, child) -> s.readers.computeIfAbsent(HashKey.of(child),
                k -> new ArrayList<>()).add(parent),
            child -> seen.add(HashKey.of(child)), c -> {
              anyIndex[0] |= c.kind() == Kind.INDEX;
              order.add(c);
            });
      }
    }
    if (!anyIndex[0]) {
      return roots;
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      Circuit n = order.get(i);
      HashKey key = HashKey.of(n);
      if (!rootKeys.contains(key) && !cached.test(key)) {
        s.plan(n);
      }
    }
    if (s.demand.isEmpty()) {
      return roots;
    }
    for (Circuit n : order) {
      s.rebuild(n);
    }
    List<Circuit> out = new ArrayList<>();
    for (Circuit root : roots) {
      out.add(s.whole.get(HashKey.of(root)));
    }
    return out;
  }

  /** Records {@code n}'s demand when all its readers want it through one index. */
  private void plan(Circuit n) {
    List<Circuit> rs = readers.getOrDefault(HashKey.of(n), List.of());
    if (!isPushable(n.kind()) || rs.isEmpty()) {
      return;
    }
    TensorIndex common = null;
    for (Circuit reader : rs) {
      TensorIndex d = demandBy(reader, n);
      if (d == null || common != null && !common.equals(d)) {
        return;
      }
      common = d;
    }
    if (common.isIdentity(n.shape())) {
      return;
    }
    Circuit once;
    try {
      once = PushDownIndex.pushDownIndexOnce(Index.of(n, common, null), false, null);
    } catch (RewriteNotApplicableException | ConstructException e) {
      return;
    }
    if (once.kind() == n.kind() && once.numChildren() == n.numChildren()) {
      demand.put(HashKey.of(n), common);
      pushed.put(HashKey.of(n), once);
    }
  }

  /** The index through which {@code reader} reads {@code child}, or null when it reads it whole. */
  private TensorIndex demandBy(Circuit reader, Circuit child) {
    Circuit readerPushed = pushed.get(HashKey.of(reader));
    if (readerPushed == null) {
      return indexOn(reader, child);
    }
    TensorIndex found = null;
    for (int k = 0; k < reader.numChildren(); k++) {
      if (reader.child(k).equals(child)) {
        TensorIndex here = indexOn(readerPushed.child(k), child);
        if (here == null || found != null && !found.equals(here)) {
          return null;
        }
        found = here;
      }
    }
    return found;
  }

  /** The (canonical, int-and-slice) index {@code c} applies when it is {@code Index(child, _)}. */
  private static TensorIndex indexOn(Circuit c, Circuit child) {
    if (c.kind() != Kind.INDEX || !((Index) c).node().equals(child)) {
      return null;
    }
    TensorIndex ix = ((Index) c).index();
    for (TensorIndex.Axis a : ix.axes()) {
      if (a instanceof TensorIndex.Tensor) {
        return null; // a gather may read elements twice: computing it below could cost more
      }
    }
    return ix.canonical(child.shape());
  }

  private void rebuild(Circuit n) {
    HashKey key = HashKey.of(n);
    Circuit once = pushed.get(key);
    if (once != null) {
      Circuit built = withChildren(once, n);
      indexed.put(key, n.kind() == Kind.ADD ? fromEarlierSum((Add) n, built) : built);
      return;
    }
    TensorIndex wanted = indexOn(n, n.numChildren() == 1 ? n.child(0) : n);
    if (wanted != null && wanted.equals(demand.get(HashKey.of(n.child(0))))) {
      whole.put(key, indexed.get(HashKey.of(n.child(0))));
      return;
    }
    whole.put(key, withChildren(n, n));
  }

  /**
   * {@code template} (n itself, or n with the index pushed one level in) over the rebuilt
   * children of {@code n}: each child read through the index it is computed under becomes that
   * indexed node; identity indices vanish.
   */
  private Circuit withChildren(Circuit template, Circuit n) {
    if (n.numChildren() == 0) {
      return template;
    }
    List<Circuit> kids = new ArrayList<>(n.numChildren());
    boolean changed = false;
    for (int k = 0; k < n.numChildren(); k++) {
      Circuit slot = template.child(k);
      Circuit kid = template == n ? whole.get(HashKey.of(slot)) : rebuiltSlot(slot, n.child(k));
      changed |= kid != slot;
      kids.add(kid);
    }
    return changed ? template.withChildren(kids) : template;
  }

  /** The rebuilt form of {@code slot}, which reads the original {@code child} (maybe indexed). */
  private Circuit rebuiltSlot(Circuit slot, Circuit child) {
    TensorIndex ix = indexOn(slot, child);
    HashKey ck = HashKey.of(child);
    if (ix == null || ix.isIdentity(child.shape())) {
      return whole.get(ck);
    }
    if (ix.equals(demand.get(ck))) {
      return indexed.get(ck);
    }
    Circuit base = whole.get(ck);
    return base == child ? slot : Index.of(base, ix, slot.name());
  }

  /**
   * The indexed Add {@code built} with the terms of the largest other Add over the same terms
   * (computed whole, or indexed alike) replaced by that Add, indexed: in a residual stream,
   * {@code (x0 + ... + x9 + y)[i]} becomes {@code (x0 + ... + x9)[i] + y[i]}.
   */
  private Circuit fromEarlierSum(Add n, Circuit built) {
    TensorIndex ix = demand.get(HashKey.of(n));
    Map<HashKey, Integer> terms = PartialSums.termCounts(n);
    Circuit best = null;
    for (Circuit p : readers.getOrDefault(HashKey.of(n.child(0)), List.of())) {
      HashKey pk = HashKey.of(p);
      boolean usable = p.kind() == Kind.ADD && !p.equals(n) && p.shape().equals(n.shape())
          && p.numChildren() < n.numChildren() && p.numChildren() > 1
          && (demand.containsKey(pk) ? ix.equals(demand.get(pk)) && indexed.containsKey(pk)
              : whole.containsKey(pk))
          && p.children().stream().allMatch(t -> t.shape().equals(n.shape()))
          && PartialSums.isSubMultiset(p, terms);
      if (usable && (best == null || p.numChildren() > best.numChildren())) {
        best = p;
      }
    }
    if (best == null) {
      return built;
    }
    HashKey bk = HashKey.of(best);
    Circuit prior = demand.containsKey(bk) ? indexed.get(bk) : Index.of(whole.get(bk), ix, null);
    List<Circuit> kids = new ArrayList<>();
    kids.add(prior);
    for (int i : PartialSums.rest(n, best)) {
      kids.add(built.child(i));
    }
    return Add.of(kids, n.name());
  }

  private static boolean isPushable(Kind k) {
    return k == Kind.ADD || k == Kind.EINSUM || k == Kind.GENERAL_FUNCTION
        || k == Kind.REARRANGE;
  }
}
