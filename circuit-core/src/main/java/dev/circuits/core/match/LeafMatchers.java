package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The matchers that look at one node only: constants, names, regexes, kinds, circuits, functions. */
final class LeafMatchers {
  private LeafMatchers() {}

  /** Throws unless every item of {@code wanted} was found (rust_circuit's {@code run_on_set}). */
  private static <T> void requireSubset(Collection<T> wanted, Set<T> found, String items,
      String matcherType, Function<Collection<T>, String> show) {
    if (found.containsAll(wanted)) {
      return;
    }
    List<T> missing = new ArrayList<>();
    for (T t : wanted) {
      if (!found.contains(t)) {
        missing.add(t);
      }
    }
    throw new MatchException(MatchException.Reason.VALIDATION_FAILED, "Didn't match all " + items
        + " contained in this " + matcherType + " matcher!\nmatcher: " + show.apply(wanted)
        + ", found: " + show.apply(found) + ", missing: " + show.apply(missing));
  }

  /** Always or never. */
  record Always(boolean value) implements Matcher {
    static final Always TRUE = new Always(true);
    static final Always FALSE = new Always(false);

    @Override
    public boolean test(Circuit circuit) {
      return value;
    }

    @Override
    public String toString() {
      return value ? "Always" : "Never";
    }
  }

  /** Exact name in a set. */
  record Names(SortedSet<String> names) implements Matcher {
    Names(Collection<String> names) {
      this(Collections.unmodifiableSortedSet(new TreeSet<>(names)));
    }

    @Override
    public boolean test(Circuit circuit) {
      return circuit.isNamed() && names.contains(circuit.name());
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      Set<String> found = new TreeSet<>();
      for (Circuit c : matched) {
        if (c.isNamed()) {
          found.add(c.name());
        }
      }
      requireSubset(names, found, "names", "name", Names::quoted);
    }

    private static String quoted(Collection<String> xs) {
      return xs.stream().map(x -> "\"" + x + "\"")
          .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    @Override
    public String toString() {
      return MatcherFormat.singleOrSet(names.stream().map(n -> "\"" + n + "\"").toList());
    }
  }

  /** Node kind in a set. */
  record Types(Set<Kind> kinds) implements Matcher {
    Types(EnumSet<Kind> kinds) {
      this(Collections.unmodifiableSet(EnumSet.copyOf(kinds)));
    }

    @Override
    public boolean test(Circuit circuit) {
      return kinds.contains(circuit.kind());
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      Set<Kind> found = EnumSet.noneOf(Kind.class);
      for (Circuit c : matched) {
        found.add(c.kind());
      }
      requireSubset(kinds, found, "types", "type", Types::show);
    }

    private static String show(Collection<Kind> ks) {
      return ks.stream().map(Kind::displayName)
          .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    @Override
    public String toString() {
      return MatcherFormat.singleOrSet(kinds.stream().map(Kind::displayName).toList());
    }
  }

  /** A regex searched in the name; equality on the pattern as given and the escape-dot flag. */
  record NameRegex(String pattern, boolean escapeDot, Pattern compiled) implements Matcher {
    static NameRegex of(String pattern, boolean escapeDot) {
      String effective = escapeDot ? swapDots(pattern) : pattern;
      try {
        return new NameRegex(pattern, escapeDot, Pattern.compile(effective));
      } catch (PatternSyntaxException e) {
        throw new MatchException(MatchException.Reason.INVALID_REGEX,
            "regex '" + pattern + "' (compiled as '" + effective + "') is invalid: "
                + e.getDescription(), e);
      }
    }

    /** Exchanges {@code .} and {@code \.}, scanning left to right like upstream's replace_all. */
    static String swapDots(String pattern) {
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < pattern.length()) {
        char ch = pattern.charAt(i);
        if (ch == '\\' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '.') {
          sb.append('.');
          i += 2;
        } else if (ch == '.') {
          sb.append("\\.");
          i++;
        } else {
          sb.append(ch);
          i++;
        }
      }
      return sb.toString();
    }

    @Override
    public boolean test(Circuit circuit) {
      return circuit.isNamed() && compiled.matcher(circuit.name()).find();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NameRegex r && r.escapeDot == escapeDot && r.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
      return pattern.hashCode() * 31 + Boolean.hashCode(escapeDot);
    }

    @Override
    public String toString() {
      return "re" + (escapeDot ? "-escdot" : "") + "'" + pattern + "'";
    }
  }

  /** Equality with one of a set of circuits (by hash), kept in hash order for printing. */
  record Circuits(Map<HashKey, Circuit> byHash) implements Matcher {
    static Circuits of(Collection<? extends Circuit> circuits) {
      List<Circuit> sorted = new ArrayList<>(circuits);
      sorted.sort(Comparator.comparing(Circuit::hashHex));
      Map<HashKey, Circuit> m = new LinkedHashMap<>();
      for (Circuit c : sorted) {
        m.put(HashKey.of(c), c);
      }
      return new Circuits(Collections.unmodifiableMap(m));
    }

    @Override
    public boolean test(Circuit circuit) {
      return byHash.containsKey(HashKey.of(circuit));
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      requireSubset(byHash.values(), matched, "circuits", "circuit equality",
          cs -> cs.stream().map(c -> c.kind().displayName() + "(" + c.name() + ")")
              .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Circuits c && c.byHash.keySet().equals(byHash.keySet());
    }

    @Override
    public int hashCode() {
      return byHash.keySet().hashCode();
    }

    @Override
    public String toString() {
      return MatcherFormat.singleOrSet(
          byHash.values().stream().map(MatcherFormat::shortCircuit).toList());
    }
  }

  /** A user predicate; equal only to a matcher wrapping the very same predicate object. */
  record FunctionMatcher(String description, Predicate<Circuit> predicate) implements Matcher {
    @Override
    public boolean test(Circuit circuit) {
      return predicate.test(circuit);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FunctionMatcher f && f.predicate == predicate;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(predicate);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
