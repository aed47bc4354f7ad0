package dev.circuits.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.Circuit;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.Printer;
import org.junit.jupiter.api.Test;

/** rust_circuit's test_strip_names_and_tags, exact output string. */
class StripNamesTest {
  @Test
  void stripsNamesAndTagsButKeepsSymbolNamesUnderNilTag() {
    Circuit c = new Parser(ParserOptions.defaults()).parseCircuit("""
        'tag' Tag 2184e144-2726-4326-9452-f19041a101bb
          'hi' Add
            'ho' [2,2] Scalar 1
            'weee' [2,2] Symbol
        """);
    assertEquals("""
        0 Add
          1 [2,2] Scalar 1
          2 Tag 00000000-0000-0000-0000-000000000000
            'weee' [2,2] Symbol""", Printer.repr(StripNames.stripNamesAndTags(c)));
  }
}
