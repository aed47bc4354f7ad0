package dev.circuits.gpt2.model;

import dev.circuits.core.Circuit;
import dev.circuits.core.match.Extender;
import dev.circuits.core.match.Getter;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * REMIX's direct-path matchers on the position-split GPT-2 circuit (spec remix-ioi.md §4.8,
 * §4.12-4.14). A <em>direct</em> path passes through no head or MLP position node
 * ({@code a{l}_h{h}_t{p}}, {@code m{l}_t{p}}) other than its two ends: only residual Adds,
 * LayerNorms, biases, embeddings and the Concat/Index plumbing. The ban list (REMIX's
 * {@code ALL_NODES_NAMES}) is the set of all position nodes, recognised by the shape of their
 * names so it fits any model size. Example:
 * {@code DirectPaths.extenderFactory(NodeSpec.head(9, 6, 15), Channel.Q).extend(nameMovers)}.
 */
public final class DirectPaths {
  /**
   * Matches every position-split head/MLP node ({@code a{l}_h{h}_t{p}}, {@code m{l}_t{p}}): the
   * ban list of direct paths.
   */
  public static final Matcher POSITION_NODES = Matcher.predicate(
      "position node a{l}_h{h}_t{p} | m{l}_t{p}", DirectPaths::isPositionNode);

  /** Exclusive depth bound of the search for a receiver head's q/k/v (REMIX's end_depth=8). */
  public static final int CHANNEL_DEPTH = 8;

  private DirectPaths() {}

  /**
   * From a receiver: the receiver itself for {@link Channel#ALL}, else the first node named
   * {@code a.q}/{@code a.k}/{@code a.v} within depth {@value #CHANNEL_DEPTH} (the receiver head's
   * own projection).
   */
  public static IterativeMatcher channel(Channel channel) {
    return channel.nodeName()
        .map(n -> IterativeMatcher.restrict(Matcher.named(n), true, null, CHANNEL_DEPTH, null))
        .orElseGet(() -> IterativeMatcher.newTraversal(0, 1, null));
  }

  /**
   * REMIX's {@code extender_factory}: extends receivers to {@code sender} through
   * {@code channel}, along direct paths only (any other position node ends the search).
   */
  public static Extender extenderFactory(NodeSpec sender, Channel channel) {
    return m -> toTargets(m, channel, Matcher.named(sender.toName()), true,
        banExcept(List.of(sender.toName())));
  }

  /**
   * REMIX's {@code add_path_to_group}: extends {@code m} to the nodes named in {@code group}
   * through {@code channel} along paths avoiding other position nodes. With
   * {@code termIfMatches} the search stops at the first group member on each path; without it
   * paths may pass through group members (the channel restriction then applies to the first hop).
   */
  public static IterativeMatcher addPathToGroup(IterativeMatcher m, Collection<String> group,
      boolean termIfMatches, Channel channel) {
    return toTargets(m, channel, Matcher.namedAnyOf(group), termIfMatches, banExcept(group));
  }

  /**
   * REMIX's {@code extend_matcher}: with {@code restrict}, {@link #addPathToGroup}; without it,
   * any path to the group ({@code m.chain(restrict(group, termIfMatches))}), through other heads
   * and MLPs too; {@code channel} is then ignored, as in REMIX.
   */
  public static Extender extendMatcher(Collection<String> group, boolean termIfMatches,
      boolean restrict, Channel channel) {
    List<String> names = List.copyOf(group);
    if (restrict) {
      return m -> addPathToGroup(m, names, termIfMatches, channel);
    }
    return m -> m.chain(IterativeMatcher.restrict(Matcher.namedAnyOf(names), termIfMatches, null,
        null, null));
  }

  /**
   * One {@link #extenderFactory} per component at {@code position}, in REMIX's order (for each
   * layer: heads 0..nHeads-1, then the MLP); pairs with {@link NodeSpec#sweep}.
   */
  public static List<Extender> senderSweep(int nLayers, int nHeads, int position,
      Channel channel) {
    List<Extender> out = new ArrayList<>();
    for (NodeSpec s : NodeSpec.sweep(nLayers, nHeads, position)) {
      out.add(extenderFactory(s, channel));
    }
    return out;
  }

  /**
   * REMIX's {@code print_all_heads_paths}: for every node {@code matcher} finds in
   * {@code circuit} (sorted by name), {@code --- paths to NAME ---} and each distinct path
   * {@code Path i : n1->n2->...->root}, listing only position nodes, the root and (with
   * {@code showQkv}) {@code a.q}/{@code a.k}/{@code a.v}, each renamed through
   * {@code shortNames} when it has an entry. Enumerates every path: exponential in depth.
   */
  public static void printAllHeadsPaths(Circuit circuit, IterativeMatcher matcher,
      boolean showQkv, Map<String, String> shortNames, PrintStream out) {
    Map<Circuit, List<List<Circuit>>> paths = new Getter().getAllPaths(circuit, matcher);
    List<Circuit> targets = new ArrayList<>(paths.keySet());
    targets.sort(Comparator.comparing(c -> c.isNamed() ? c.name() : ""));
    Set<String> qkv = Set.of("a.q", "a.k", "a.v");
    for (Circuit target : targets) {
      out.println();
      out.println("--- paths to " + target.name() + " ---");
      Set<String> seen = new LinkedHashSet<>();
      List<List<Circuit>> all = paths.get(target);
      for (int i = 0; i < all.size(); i++) {
        List<String> kept = new ArrayList<>();
        List<Circuit> path = all.get(i);
        for (int j = 0; j < path.size(); j++) {
          Circuit c = path.get(j);
          boolean keep = j == path.size() - 1 || POSITION_NODES.test(c)
              || (showQkv && c.isNamed() && qkv.contains(c.name()));
          if (keep) {
            String name = c.isNamed() ? c.name() : c.describe();
            kept.add(shortNames.getOrDefault(name, name));
          }
        }
        String line = String.join("->", kept);
        if (seen.add(line)) {
          out.println("Path " + i + " : " + line);
        }
      }
    }
  }

  /** {@code m -> channel -> children -> restrict(targets, termEarlyAt = ban)}. */
  private static IterativeMatcher toTargets(IterativeMatcher m, Channel channel, Matcher targets,
      boolean termIfMatches, Matcher ban) {
    return m.chain(channel(channel), IterativeMatcher.newTraversal(1, 2, null),
        IterativeMatcher.restrict(targets, termIfMatches, null, null, ban));
  }

  /** Position nodes other than {@code allowed}. */
  private static Matcher banExcept(Collection<String> allowed) {
    Set<String> ok = Set.copyOf(allowed);
    return Matcher.predicate("position node other than " + new java.util.TreeSet<>(ok),
        c -> isPositionNode(c) && !ok.contains(c.name()));
  }

  /** Whether {@code c} is named {@code a{l}_h{h}_t{p}} or {@code m{l}_t{p}} (no regex: hot). */
  static boolean isPositionNode(Circuit c) {
    if (!c.isNamed()) {
      return false;
    }
    String n = c.name();
    int i = 1;
    if (n.startsWith("a")) {
      i = digits(n, 1);
      if (i < 0 || !n.startsWith("_h", i)) {
        return false;
      }
      i = digits(n, i + 2);
    } else if (n.startsWith("m")) {
      i = digits(n, 1);
    } else {
      return false;
    }
    return i >= 0 && n.startsWith("_t", i) && digits(n, i + 2) == n.length();
  }

  /** The index after a non-empty run of ASCII digits starting at {@code from}, or -1. */
  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > from ? i : -1;
  }
}
