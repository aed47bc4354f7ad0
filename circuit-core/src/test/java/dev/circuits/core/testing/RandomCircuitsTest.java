package dev.circuits.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator is deterministic, builds valid circuits and covers the node types. */
class RandomCircuitsTest {
  @Test
  void sameSeedSameCircuit() {
    Seeds.forEach(50, seed -> assertEquals(new RandomCircuits(seed).next(),
        new RandomCircuits(seed).next()));
  }

  @Test
  void coversNodeTypes() {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    Seeds.forEach(300, seed -> {
      Circuit c = new RandomCircuits(seed).next();
      assertTrue(c.isExplicitlyComputable(), c.toString());
      c.postOrder().forEach(n -> seen.add(n.kind()));
    });
    // SetSymbolicShape only matters with symbolic sizes, which random circuits do not have.
    assertEquals(EnumSet.complementOf(EnumSet.of(Kind.DISCRETE_VAR, Kind.SET_SYMBOLIC_SHAPE)),
        seen);
  }
}
