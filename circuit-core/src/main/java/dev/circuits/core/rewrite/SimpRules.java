package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of enabled simplification rules (rust_circuit's {@code SimpFnSubset}) and the {@code simp}
 * fixed point over it. Example: {@code SimpRules.defaults().include("add_flatten").simp(c)}.
 */
public final class SimpRules {
  private static final Map<String, SimpRule> CATALOG = catalogByName();

  private final Set<String> enabled;
  private final Map<Kind, List<SimpRule>> byKind;

  private SimpRules(Set<String> enabled) {
    this.enabled = Collections.unmodifiableSet(enabled);
    Map<Kind, List<SimpRule>> m = new EnumMap<>(Kind.class);
    for (SimpRule r : CATALOG.values()) {
      if (enabled.contains(r.name())) {
        m.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
      }
    }
    this.byKind = m;
  }

  private static Map<String, SimpRule> catalogByName() {
    Map<String, SimpRule> m = new LinkedHashMap<>();
    for (List<SimpRule> rules : List.of(AddRules.rules(), EinsumRules.rules(),
        IndexRules.rules(), RearrangeRules.rules(), ConcatRules.rules(),
        GeneralFunctionRules.rules(), ModuleRules.rules())) {
      for (SimpRule r : rules) {
        m.put(r.name(), r);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Every rule, in the order the fixed point tries them. */
  public static List<SimpRule> catalog() {
    return List.copyOf(CATALOG.values());
  }

  /** The rule named {@code name}; throws {@link UnknownRuleException} for an unknown name. */
  public static SimpRule rule(String name) {
    check(List.of(name));
    return CATALOG.get(name);
  }

  /** rust_circuit's default subset (the rules marked D in the catalogue). */
  public static SimpRules defaults() {
    return new SimpRules(CATALOG.values().stream().filter(SimpRule::inDefaults)
        .map(SimpRule::name).collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** No rule enabled. */
  public static SimpRules none() {
    return new SimpRules(new LinkedHashSet<>());
  }

  /** Every rule enabled. */
  public static SimpRules all() {
    return new SimpRules(new LinkedHashSet<>(CATALOG.keySet()));
  }

  /** rust_circuit's {@code compiler_default()}: every rule but the two weak axis eliminations
   * and einsum_remove_one. */
  public static SimpRules compilerDefaults() {
    return all().exclude("add_elim_removable_axes_weak", "einsum_elim_removable_axes_weak",
        "einsum_remove_one");
  }

  /** This set plus the named rules. */
  public SimpRules include(String... names) {
    return include(Arrays.asList(names));
  }

  /** This set plus the named rules. */
  public SimpRules include(Collection<String> names) {
    check(names);
    Set<String> s = new LinkedHashSet<>(enabled);
    s.addAll(names);
    return new SimpRules(s);
  }

  /** This set without the named rules. */
  public SimpRules exclude(String... names) {
    return exclude(Arrays.asList(names));
  }

  /** This set without the named rules. */
  public SimpRules exclude(Collection<String> names) {
    check(names);
    Set<String> s = new LinkedHashSet<>(enabled);
    s.removeAll(names);
    return new SimpRules(s);
  }

  private static void check(Collection<String> names) {
    List<String> bad = names.stream().filter(n -> !CATALOG.containsKey(n)).toList();
    if (!bad.isEmpty()) {
      throw new UnknownRuleException("unknown simplification rule(s) " + bad + "; known: "
          + CATALOG.keySet());
    }
  }

  /** The enabled rule names, in catalogue order. */
  public Set<String> names() {
    return CATALOG.keySet().stream().filter(enabled::contains)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Whether the rule named {@code name} is enabled. */
  public boolean isEnabled(String name) {
    return enabled.contains(name);
  }

  /** The enabled rules for nodes of {@code kind}, in order. */
  List<SimpRule> rulesFor(Kind kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** The first enabled rule that applies to {@code c} (this node only), applied; else empty. */
  public Optional<Circuit> step(Circuit c) {
    for (SimpRule r : rulesFor(c.kind())) {
      Circuit out = r.run(c).circuit();
      if (out != null) {
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  /** The deep fixed point: every node simplified bottom-up until no enabled rule applies. */
  public Circuit simp(Circuit c) {
    return simplifier().simplify(c);
  }

  /** A simplifier that keeps its memo (by hash) across calls, for many related circuits. */
  public DeepSimp simplifier() {
    return new DeepSimp(this::rulesFor);
  }

  @Override
  public String toString() {
    return "SimpRules" + names();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimpRules s && s.enabled.equals(enabled);
  }

  @Override
  public int hashCode() {
    return enabled.hashCode();
  }
}
