package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.cli.ReadmeSnippets.Snippet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md, compiled and run. A block is its imports plus
 * statements; it is wrapped in a class whose {@code run(Path snippetDir)} first declares the
 * values the README takes as given ({@link #GIVEN}, built by {@link SnippetFixtures}), then runs the
 * statements as written, except for the replacements listed here ({@link #EVERYWHERE}: files go to
 * a temporary folder; {@link #REPLACED}: no network, smaller N). A README block without an entry
 * here, an entry without its block, and a replacement whose text is gone all fail.
 */
class ReadmeSnippetsTest {
  @TempDir
  static Path tmp;

  private static final String F = "dev.circuits.cli.SnippetFixtures.";

  /** Per block: declarations (fully qualified, so they add no import) of what it takes as given. */
  private static final Map<String, String> GIVEN = new LinkedHashMap<>();

  /** Per block: README text -> what the test runs instead (each must occur in the block). */
  private static final Map<String, Map<String, String>> REPLACED = new LinkedHashMap<>();

  /** Applied to every block where they occur: nothing is written outside the test's folder. */
  private static final Map<String, String> EVERYWHERE = Map.of(
      "Path.of(\"", "snippetDir.resolve(\"",
      "TensorStore.defaultStore()", "TensorStore.at(snippetDir.resolve(\"tensors\"))");

  static {
    given("Circuits in Java", "");
    given("The `.circ` text format",
        "var circuit = " + F + "rewritable();");
    given("Matchers, updates and expansion", """
        var model = %1$smatcherModel(snippetDir);
        var head = dev.circuits.core.match.Matcher.named("a1.h2").getUnique(model);
        var patchTokens = dev.circuits.core.Array.wrap(%1$stokenIds(1, 50257, 1).getRow(0), "tokens");
        var batchOfTokens = dev.circuits.core.Array.wrap(%1$stokenIds(2, 50257, 2), "tokens");
        """.formatted(F));
    given("Rewrites", """
        var c = %1$srewritable();
        var einsum = c;
        var y = c;
        var head = c;
        """.formatted(F));
    given("GPT-2", "var tokenIds = " + F + "tokenIds(2, 50257, 0);");
    replaced("GPT-2", "Gpt2Models.resolve(\"openai-community/gpt2\")", F + "tinyGpt2(snippetDir)");
    given("The planted-circuit IOI model", "");
    given("Causal scrubbing", """
        var model = %1$stoyScrubModel();
        var xs = %1$stoyXs();
        var labels = %1$stoyLabels();
        """.formatted(F));
    given("Path patching", """
        var weights = %1$sgpt2SmallShaped(snippetDir);
        var baselineToks = %1$stokenIds(8, 1000, 3);
        var patchToks = %1$stokenIds(8, 1000, 4);
        var ioS = %1$sioS(8, 1000);
        var evaluator = dev.circuits.core.eval.Evaluator.create();
        var refLd = 0.0;
        """.formatted(F));
    replaced("Path patching", "uniformProbsAndGroup(50)", "uniformProbsAndGroup(8)");
    given("The fast sweep engine (`dev.circuits.gpt2.sweep`)", """
        var weights = %1$sgpt2SmallShaped(snippetDir);
        var baselineToks = %1$stokenIds(50, 1000, 3);
        var patchToks = %1$stokenIds(50, 1000, 4);
        var ioS = %1$sioS(50, 1000);
        var meanOutput = org.nd4j.linalg.factory.Nd4j.zeros(50, 24);
        """.formatted(F));
    given("IOI experiments (path patching, scrubbing, attention)", "");
    given("IOI claims (the main job)", "");
    replaced("IOI claims (the main job)", "Claims.select(\"all\")", "Claims.select(\"1,6\")");
    replaced("IOI claims (the main job)", ", 50, ", ", 8, ");
    given("rust_circuit model files and tensor store",
        "var path = " + F + "modelFile(snippetDir);");
  }

  private static void given(String key, String declarations) {
    GIVEN.put(key, declarations);
  }

  private static void replaced(String key, String readme, String test) {
    REPLACED.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(readme, test);
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompilesAndRuns() throws Exception {
    List<Snippet> snippets = ReadmeSnippets.parse(ReadmeSnippets.readme());
    TreeSet<String> keys = new TreeSet<>();
    snippets.forEach(s -> keys.add(s.key()));
    assertEquals(new TreeSet<>(GIVEN.keySet()), keys,
        "README's java blocks (left: this test's entries, right: the README's)");
    assertTrue(keys.containsAll(REPLACED.keySet()), "replacements for blocks the README lacks");
    return snippets.stream().map(s -> DynamicTest.dynamicTest(s.key(), () -> run(s)));
  }

  private void run(Snippet s) throws Exception {
    String body = s.body();
    for (Map.Entry<String, String> r : REPLACED.getOrDefault(s.key(), Map.of()).entrySet()) {
      assertTrue(body.contains(r.getKey()), "README block '" + s.key() + "' no longer contains "
          + r.getKey() + ": update " + ReadmeSnippetsTest.class.getSimpleName());
      body = body.replace(r.getKey(), r.getValue());
    }
    for (Map.Entry<String, String> r : EVERYWHERE.entrySet()) {
      body = body.replace(r.getKey(), r.getValue());
    }
    String name = "Snippet" + Math.abs(s.key().hashCode());
    String source = "package readme;\n\n" + String.join("\n", s.imports()) + "\n\n"
        + "public final class " + name + " {\n"
        + "  public static void run(java.nio.file.Path snippetDir) throws Exception {\n"
        + GIVEN.get(s.key()) + "\n" + body + "  }\n}\n";
    SnippetCompiler.compileAndRun("readme", name, source,
        Files.createDirectories(tmp.resolve(name)));
  }
}
