package dev.circuits.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Shape;
import dev.circuits.core.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Run-all and random sampling of DiscreteVar groups. */
class SamplerTest {
  private static Array values(long n, long d, String name) {
    return Array.wrap(Nd4j.arange(n * d).castTo(DataType.DOUBLE).reshape(n, d), name);
  }

  @Test
  void runAllGivesLeadingAxisInOrder() {
    Tag group = DiscreteVar.uniformProbsAndGroup(5);
    DiscreteVar x = DiscreteVar.of(values(5, 3, "xs"), group, "x");
    DiscreteVar y = DiscreteVar.of(values(5, 3, "ys"), group, "y");
    Circuit sum = Add.of(x, y);
    Circuit sampled = Sampler.runAll(group).sample(sum);
    assertEquals(Shape.of(5, 3), sampled.shape());
    assertTrue(sampled.isExplicitlyComputable());
    assertTrue(sampled.postOrder().stream().noneMatch(n -> n instanceof DiscreteVar));
  }

  @Test
  void twoGroupsGiveOuterProduct() {
    Tag g1 = DiscreteVar.uniformProbsAndGroup(4);
    Tag g2 = DiscreteVar.uniformProbsAndGroup(2);
    Circuit c = Einsum.fromString("a,a->a", List.of(DiscreteVar.of(values(4, 3, "a"), g1, "u"),
        DiscreteVar.of(values(2, 3, "b"), g2, "v")), null);
    Circuit sampled = new Sampler(new SampleSpec.RunAll(List.of(g1, g2))).sample(c);
    assertEquals(Shape.of(4, 2, 3), sampled.shape());
    assertThrows(CircuitException.class, () -> Sampler.runAll(g1).sample(c));
  }

  @Test
  void randomSamplingIsSeededAndJoint() {
    Tag group = DiscreteVar.uniformProbsAndGroup(6);
    DiscreteVar x = DiscreteVar.of(values(6, 2, "xs"), group, "x");
    DiscreteVar y = DiscreteVar.of(values(6, 2, "ys"), group, "y");
    Circuit sampled = Sampler.random(10, 3).sample(Add.of(x, y));
    assertEquals(Shape.of(10, 2), sampled.shape());
    assertEquals(sampled, Sampler.random(10, 3).sample(Add.of(x, y)));
    List<Index> indexes = sampled.postOrder().stream().filter(n -> n instanceof Index)
        .map(n -> (Index) n).toList();
    assertEquals(2, indexes.size());
    assertEquals(indexes.get(0).index(), indexes.get(1).index(), "vars of a group share rows");
  }
}
