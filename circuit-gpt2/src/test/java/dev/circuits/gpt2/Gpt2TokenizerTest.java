package dev.circuits.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2TokenizerTest {
  private static Gpt2Tokenizer tok;
  private static ReferenceBpe reference;

  @BeforeAll
  static void load() {
    tok = Gpt2Tokenizer.bundled();
    reference = ReferenceBpe.load();
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void endOfTextPromptHasKnownIds() {
    int[] expected = {50256, 6423, 11, 5335, 290, 1757, 1816, 284, 262, 3650, 13};
    String text = "<|endoftext|>Then, Mary and John went to the store.";
    assertArrayEquals(expected, tok.encode(text));
    assertArrayEquals(expected, reference.encode(text));
    assertArrayEquals(Arrays.stream(expected).asLongStream().toArray(), tok.encodeToLongs(text));
  }

  @Test
  void remixIoiPromptZeroMatchesSpec() {
    // specs/remix-ioi.md §2.2: the 16 tokens of IOIDataset prompt 0.
    int[] expected = {50256, 6423, 11, 9308, 290, 39607, 1816, 284, 262, 4436, 13, 9308, 2921, 257, 9669, 284};
    String text = "<|endoftext|>Then, Matthew and Alicia went to the hospital. Matthew gave a basketball to";
    assertArrayEquals(expected, tok.encode(text));
    assertEquals(
        List.of("<|endoftext|>", "Then", ",", " Matthew", " and", " Alicia", " went", " to", " the",
            " hospital", ".", " Matthew", " gave", " a", " basketball", " to"),
        tok.tokenStrings(expected));
  }

  @Test
  void remixIntroPromptIds() {
    // Ids checked against an independent Python byte-level BPE over encoder.json + vocab.bpe.
    int[] expected = {2215, 5335, 290, 1757, 1816, 284, 262, 3650, 11, 1757, 2921, 257, 4144, 284};
    String text = "When Mary and John went to the store, John gave a drink to";
    assertArrayEquals(expected, tok.encode(text));
    assertArrayEquals(expected, reference.encode(text));
    assertEquals(text, tok.decode(expected));
  }

  @Test
  void everyIoiNameIsOneTokenWithLeadingSpace() throws IOException {
    Map<?, ?> ids;
    try (InputStream in = getClass().getResourceAsStream("ioi-lists.json")) {
      Map<?, ?> root = (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      ids = (Map<?, ?>) root.get("NAME_TOKEN_IDS");
    }
    assertEquals(99, ids.size());
    for (Map.Entry<?, ?> e : ids.entrySet()) {
      assertArrayEquals(new int[] {Math.toIntExact((Long) e.getValue())},
          tok.encode(" " + e.getKey()), "name " + e.getKey());
    }
    Map<String, Integer> placesAndObjects =
        Map.ofEntries(
            Map.entry("store", 3650), Map.entry("garden", 11376), Map.entry("restaurant", 7072),
            Map.entry("school", 1524), Map.entry("hospital", 4436), Map.entry("office", 2607),
            Map.entry("house", 2156), Map.entry("station", 4429), Map.entry("ring", 5858),
            Map.entry("kiss", 9245), Map.entry("bone", 9970), Map.entry("basketball", 9669),
            Map.entry("computer", 3644), Map.entry("necklace", 38987), Map.entry("drink", 4144),
            Map.entry("snack", 26906));
    placesAndObjects.forEach(
        (word, id) -> assertArrayEquals(new int[] {id}, tok.encode(" " + word), "word " + word));
  }

  @Test
  void specialTokenFacts() {
    assertEquals(50256, tok.eosTokenId());
    assertEquals(Gpt2Tokenizer.GPT2_EOS_TOKEN_ID, tok.eosTokenId());
    assertEquals(50257, tok.vocabSize());
    assertArrayEquals(new int[] {50256}, tok.encode("<|endoftext|>"));
    assertArrayEquals(new int[] {50256, 50256}, tok.encode("<|endoftext|><|endoftext|>"));
    assertEquals("<|endoftext|>", tok.decode(new int[] {50256}));
    assertArrayEquals(new int[0], tok.encode(""));
    assertEquals("", tok.decode(new int[0]));
  }

  @Test
  void tokenStringsAreDecodedPerToken() {
    int[] ids = tok.encode(" Mary and John");
    assertEquals(List.of(" Mary", " and", " John"), tok.tokenStrings(ids));
    assertEquals(List.of(), tok.tokenStrings(new int[0]));
  }

  @Test
  void unicodeAndWhitespaceMatchReferenceAndRoundTrip() {
    List<String> cases =
        List.of(
            "a  b", "\n\n", "trailing spaces   ", "   leading", "\t\tTabs\tand  spaces \n", "a\r\nb",
            "café naïve résumé", "e\u0301", "Ωμέγα", "Привет мир", "中文字符和日本語", "한국어",
            "😀 emoji 👍🏽 and family 👨‍👩‍👧 flag 🇫🇷", "I'll we've they're it's don't", "IT'S",
            "x<|endoftext|>y", " <|endoftext|> ", "<|endoftext", "$3.50 + 10% = 1,000!!!",
            "\u00A0nbsp\u3000ideographic\u2028line", "\u0000\u0007\u007F");
    for (String s : cases) {
      assertArrayEquals(reference.encode(s), tok.encode(s), () -> "ids of " + escape(s));
      assertEquals(s, tok.decode(tok.encode(s)), () -> "round trip of " + escape(s));
    }
  }

  @Test
  void whitespaceRunsSplitLikeGpt2() {
    // "a  b": the run of two spaces is " " then " b" (\s+(?!\S) leaves the last space to the word).
    assertEquals(List.of("a", " ", " b"), tok.tokenStrings(tok.encode("a  b")));
    assertArrayEquals(new int[] {628}, tok.encode("\n\n"));
  }

  @Test
  void randomStringsMatchReferenceAndRoundTrip() {
    long baseSeed = 20240611L;
    for (int i = 0; i < 400; i++) {
      long seed = baseSeed + i;
      String s = RandomText.next(new Random(seed), 30);
      int[] ids = tok.encode(s);
      assertEquals(s, tok.decode(ids), () -> "round trip failed, seed " + seed + ": " + escape(s));
      assertArrayEquals(
          reference.encode(s), ids, () -> "ids differ from reference BPE, seed " + seed + ": " + escape(s));
    }
  }

  @Test
  void longTextIsNotTruncated() {
    String text = " hello".repeat(3000);
    int[] ids = tok.encode(text);
    assertEquals(3000, ids.length);
    assertEquals(text, tok.decode(ids));
  }

  @Test
  void batchIsRightPaddedWithEos() {
    List<String> texts = List.of("When Mary and John", "Hi", "");
    EncodedBatch batch = tok.encodeBatch(texts);
    assertEquals(3, batch.size());
    assertEquals(4, batch.maxLength());
    assertArrayEquals(new int[] {4, 1, 0}, batch.lengths());
    assertArrayEquals(new int[] {2215, 5335, 290, 1757}, batch.row(0));
    assertArrayEquals(new int[] {17250, 50256, 50256, 50256}, batch.row(1));
    assertArrayEquals(new int[] {50256, 50256, 50256, 50256}, batch.row(2));
    for (int b = 0; b < texts.size(); b++) {
      assertArrayEquals(tok.encode(texts.get(b)), batch.unpaddedRow(b));
    }
    assertEquals(50256, batch.padId());
    assertEquals(12, batch.flatIds().length);
    assertEquals(17250L, batch.flatIds()[4]);

    EncodedBatch zeros = tok.encodeBatch(List.of("a b c", "a"), 0);
    assertArrayEquals(new int[] {64, 0, 0}, zeros.row(1));
    assertEquals(0, tok.encodeBatch(List.of()).size());
  }

  @Test
  void outOfRangeIdIsRejectedWithIndex() {
    TokenizerException e =
        assertThrows(TokenizerException.class, () -> tok.decode(new int[] {1, 50257}));
    assertTrue(e.getMessage().contains("50257") && e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(TokenizerException.class, () -> tok.tokenStrings(new int[] {-1}));
  }

  @Test
  void fromFileLoadsTheSameTokenizer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tokenizer.json");
    try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream(Gpt2Tokenizer.BUNDLED_RESOURCE)) {
      Files.copy(in, file);
    }
    // A tokenizer_config.json asking for clean-up must not change decoding.
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"clean_up_tokenization_spaces\": true}");
    String text = "Hello , world . It 's";
    try (Gpt2Tokenizer fromFile = Gpt2Tokenizer.fromFile(file);
        Gpt2Tokenizer fromDir = Gpt2Tokenizer.fromFile(dir)) {
      assertArrayEquals(tok.encode(text), fromFile.encode(text));
      assertEquals(text, fromFile.decode(fromFile.encode(text)));
      assertEquals(text, fromDir.decode(fromDir.encode(text)));
      assertEquals(50257, fromFile.vocabSize());
    }
  }

  @Test
  void badFilesGiveTypedErrors(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("nope.json");
    TokenizerException e1 = assertThrows(TokenizerException.class, () -> Gpt2Tokenizer.fromFile(missing));
    assertTrue(e1.getMessage().contains("nope.json"), e1.getMessage());

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"model\": ");
    TokenizerException e2 = assertThrows(TokenizerException.class, () -> Gpt2Tokenizer.fromFile(broken));
    assertTrue(e2.getMessage().contains("broken.json"), e2.getMessage());

    Path noEos = dir.resolve("noeos.json");
    Files.writeString(noEos, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []}}");
    TokenizerException e3 = assertThrows(TokenizerException.class, () -> Gpt2Tokenizer.fromFile(noEos));
    assertTrue(e3.getMessage().contains("<|endoftext|>"), e3.getMessage());
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              if (cp >= 0x20 && cp < 0x7F) {
                sb.appendCodePoint(cp);
              } else {
                sb.append(String.format("\\u{%04X}", cp));
              }
            });
    return sb.append('"').toString();
  }
}
