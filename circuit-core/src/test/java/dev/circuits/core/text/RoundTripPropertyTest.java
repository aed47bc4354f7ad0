package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code parse(print(c)) == c} for seeded random circuits under many option combinations. Like
 * rust_circuit's property test, Rearrange specs are compared after relabelling their axis ints in
 * order of first appearance, because the text names axes by that order.
 */
class RoundTripPropertyTest {
  private final Map<String, Array> tensors = new HashMap<>();
  private final Parser parser = new Parser(ParserOptions.defaults().withTensorLookup(this::lookup));

  private Array lookup(String prefix) {
    Array found = null;
    for (Map.Entry<String, Array> e : tensors.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        if (found != null && !found.tensorHashHex().equals(e.getKey())) {
          throw new IllegalStateException("ambiguous tensor prefix " + prefix);
        }
        found = e.getValue();
      }
    }
    return found;
  }

  @Test
  void printThenParseGivesTheSameCircuits() {
    Seeds.forEach(160, seed -> {
      boolean names = (seed & 1) == 0;
      PrintOptions options = PrintOptions.defaults()
          .withShapeOnlyWhenNecessary((seed & 2) == 0)
          .withForceUseSerialNumbers((seed & 4) != 0)
          .withOnlyChildBelow((seed & 8) != 0)
          .withArrows(seed % 5 == 0)
          .withTensorSink(a -> tensors.put(a.tensorHashHex(), a));
      RandomCircuits gen = new RandomCircuits(seed).names(names);
      int roots = seed % 3 == 0 ? 1 + (int) (seed % 4) : 1;
      List<Circuit> circuits = new ArrayList<>();
      for (int i = 0; i < roots; i++) {
        circuits.add(gen.next());
      }
      String text = Printer.repr(options, circuits);
      List<Circuit> parsed = roots == 1 ? List.of(parser.parseCircuit(text))
          : parser.parseCircuits(text);
      List<Circuit> expected = circuits.stream().map(RoundTripPropertyTest::canonical).toList();
      List<Circuit> actual = parsed.stream().map(RoundTripPropertyTest::canonical).toList();
      if (!expected.equals(actual)) {
        assertEquals(Printer.repr(options.withTensorSink(null), expected),
            Printer.repr(options.withTensorSink(null), actual),
            "round trip changed the circuits; printed text was:\n" + text);
        assertEquals(expected, actual, "texts agree but hashes differ:\n" + text);
      }
    });
  }

  @Test
  void printingIsStableAfterOneRoundTrip() {
    Seeds.forEach(40, seed -> {
      PrintOptions options = PrintOptions.defaults()
          .withTensorSink(a -> tensors.put(a.tensorHashHex(), a));
      Circuit c = new RandomCircuits(1000 + seed).next();
      String once = Printer.repr(options, parser.parseCircuit(Printer.repr(options, c)));
      String twice = Printer.repr(options, parser.parseCircuit(once));
      assertEquals(once, twice);
    });
  }

  /** Relabels every Rearrange spec's ints by first appearance (what parsing its text yields). */
  static Circuit canonical(Circuit c) {
    return canonical(c, new HashMap<>());
  }

  private static Circuit canonical(Circuit c, Map<Circuit, Circuit> memo) {
    Circuit done = memo.get(c);
    if (done != null) {
      return done;
    }
    List<Circuit> children = new ArrayList<>();
    for (Circuit child : c.children()) {
      children.add(canonical(child, memo));
    }
    Circuit out;
    if (c.kind() == Kind.REARRANGE) {
      Rearrange r = (Rearrange) c;
      out = Rearrange.of(children.get(0), relabel(r.spec()), r.name()).rename(r.name())
          .withUseAutoname(r.useAutoname()).withNamedAxes(r.namedAxes());
    } else {
      out = c.withChildren(children);
    }
    memo.put(c, out);
    return out;
  }

  private static RearrangeSpec relabel(RearrangeSpec spec) {
    Map<Integer, Integer> map = new HashMap<>();
    List<Long> sizes = new ArrayList<>();
    int[][] in = relabel(spec.input(), spec.sizes(), map, sizes);
    int[][] out = relabel(spec.output(), spec.sizes(), map, sizes);
    return RearrangeSpec.of(in, out, sizes.stream().mapToLong(Long::longValue).toArray());
  }

  private static int[][] relabel(int[][] groups, long[] sizes, Map<Integer, Integer> map,
      List<Long> newSizes) {
    int[][] out = new int[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      out[g] = new int[groups[g].length];
      for (int k = 0; k < groups[g].length; k++) {
        int old = groups[g][k];
        Integer id = map.get(old);
        if (id == null) {
          id = map.size();
          map.put(old, id);
          newSizes.add(sizes[old]);
        }
        out[g][k] = id;
      }
    }
    return out;
  }
}
