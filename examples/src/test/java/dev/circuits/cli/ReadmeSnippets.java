package dev.circuits.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code ```java} blocks of a markdown file, each keyed by its section heading. */
final class ReadmeSnippets {
  /** One block: its key ({@code "Section"}, or {@code "Section #2"} for a later one), imports, statements. */
  record Snippet(String key, List<String> imports, String body) {}

  private ReadmeSnippets() {}

  /** The README.md at the root of the checkout (tests run in a module folder). */
  static Path readme() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("README.md")) && Files.exists(p.resolve("circuits-bom"))) {
        return p.resolve("README.md");
      }
    }
    throw new IllegalStateException("no README.md above " + here);
  }

  /** Every java block of {@code markdown}, in order. */
  static List<Snippet> parse(Path markdown) throws IOException {
    Map<String, Integer> perSection = new LinkedHashMap<>();
    List<Snippet> out = new ArrayList<>();
    String section = "(top)";
    List<String> block = null;
    for (String line : Files.readAllLines(markdown)) {
      if (block == null && line.startsWith("#")) {
        section = line.replaceFirst("^#+\\s*", "").strip();
      } else if (block == null && line.strip().equals("```java")) {
        block = new ArrayList<>();
      } else if (block != null && line.strip().equals("```")) {
        int n = perSection.merge(section, 1, Integer::sum);
        out.add(split(n == 1 ? section : section + " #" + n, block));
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    return out;
  }

  private static Snippet split(String key, List<String> lines) {
    List<String> imports = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append(line).append('\n');
      }
    }
    return new Snippet(key, imports, body.toString());
  }
}
