package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateSetTest {
  @Test
  void remixSetIsTheJsonTemplateAndItsMirror() {
    TemplateSet remix = TemplateSet.remix();
    assertEquals(1, remix.size());
    assertEquals(IoiWords.remix().abbaTemplates(), remix.abba());
    List<?> baba = (List<?>) IoiWords.readBundledJson().get("BABA_TEMPLATES");
    assertEquals(baba, remix.baba());
    assertTrue(remix.isAbba(remix.abba().get(0)));
    assertFalse(remix.isAbba(remix.baba().get(0)));
  }

  @Test
  void paperSetHasFifteenTemplatesStartingWithRemixs() {
    TemplateSet paper = TemplateSet.paper();
    assertEquals(15, paper.size());
    assertEquals(TemplateSet.remix().abba().get(0), paper.abba().get(0));
    assertEquals("<|endoftext|>Friends {S1} and {IO} found a {OBJECT} at the {PLACE}. {S2} gave it to",
        paper.baba().get(14));
    assertEquals(30, paper.defaultCount(PromptType.MIXED));
    List<String> mixed = paper.select(PromptType.MIXED, 4);
    assertEquals(List.of(paper.baba().get(0), paper.baba().get(1), paper.abba().get(0), paper.abba().get(1)), mixed);
    assertEquals(paper.abba().subList(0, 3), paper.select(PromptType.ABBA, 3));
  }

  @Test
  void malformedTemplatesAreRejected() {
    IoiException e = assertThrows(IoiException.class, () -> TemplateSet.of("x", List.of("{S1} and {IO}. {S2} to")));
    assertEquals(IoiException.Kind.INVALID_TEMPLATE, e.kind());
    assertTrue(e.getMessage().contains("ABBA form"), e.getMessage());
    e = assertThrows(IoiException.class, () -> TemplateSet.of("x", List.of("{IO} and {S1} at {TIME}. {S2} to")));
    assertTrue(e.getMessage().contains("unknown placeholder {TIME}"), e.getMessage());
    e = assertThrows(IoiException.class, () -> TemplateSet.of("x", List.of("{IO} and {S1}. to")));
    assertTrue(e.getMessage().contains("exactly once"), e.getMessage());
    assertThrows(IoiException.class, () -> TemplateSet.of("x", List.of()));
    assertThrows(IoiException.class, () -> TemplateSet.of("x", List.of("{IO} and {S1} {. {S2} to")));
  }
}
