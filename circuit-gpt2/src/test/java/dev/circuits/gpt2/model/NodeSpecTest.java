package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.CircuitException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** REMIX's MLPHeadAndPosSpec names and sweep order. */
class NodeSpecTest {
  @Test
  void namesFollowRemix() {
    assertEquals("a9_h6_t15", NodeSpec.head(9, 6, 15).toName());
    assertEquals("m11_t0", NodeSpec.mlp(11, 0).toName());
    assertEquals("a9.h6", NodeSpec.head(9, 6, 15).unsplitName());
    assertEquals("m11", NodeSpec.mlp(11, 0).unsplitName());
    assertEquals("h6", NodeSpec.head(9, 6, 15).columnLabel());
    assertEquals("mlp", NodeSpec.mlp(1, 2).columnLabel());
    assertTrue(NodeSpec.mlp(1, 2).isMlp());
    assertFalse(NodeSpec.head(1, 0, 2).isMlp());
    assertEquals(NodeSpec.head(9, 6, 5), NodeSpec.head(9, 6, 15).atPosition(5));
  }

  @Test
  void parseInvertsToName() {
    for (NodeSpec s : NodeSpec.sweep(3, 4, 7)) {
      assertEquals(s, NodeSpec.parse(s.toName()));
    }
    for (String bad : List.of("a9.h6", "a9_h6", "m_t1", "b1_t2", "a1_h2_t3 ")) {
      CircuitException e = assertThrows(CircuitException.class, () -> NodeSpec.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertThrows(CircuitException.class, () -> NodeSpec.head(1, -1, 0));
    assertThrows(CircuitException.class, () -> new NodeSpec(-1, 0, 0));
  }

  @Test
  void sweepIsLayerMajorHeadsThenMlp() {
    List<NodeSpec> sweep = NodeSpec.sweep(12, 12, 15);
    assertEquals(156, sweep.size());
    assertEquals(NodeSpec.head(0, 0, 15), sweep.get(0));
    assertEquals(NodeSpec.mlp(0, 15), sweep.get(12));
    assertEquals(NodeSpec.head(1, 0, 15), sweep.get(13));
    assertEquals(NodeSpec.mlp(11, 15), sweep.get(155));
    Set<String> all = NodeSpec.allNames(12, 12, 16);
    assertEquals(2496, all.size());
    assertTrue(all.contains("a9_h6_t15") && all.contains("m0_t0"));
  }

  @Test
  void channelsNameTheHeadProjections() {
    assertEquals("a.q", Channel.Q.nodeName().orElseThrow());
    assertTrue(Channel.ALL.nodeName().isEmpty());
    assertEquals(Channel.K, Channel.fromQkv("k"));
    assertEquals(Channel.ALL, Channel.fromQkv(null));
    assertThrows(IllegalArgumentException.class, () -> Channel.fromQkv("o"));
  }
}
