package dev.circuits.ioi;

import dev.circuits.core.internal.PythonRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** REMIX's metadata draws: per prompt template index, S, IO (redrawn while equal to S), place, object. */
final class MetadataGenerator {
  private MetadataGenerator() {}

  /** Draws N IOI prompts; the caller holds the RNG's lock and has reseeded it. */
  static List<PromptMetadata> generate(int n, List<String> templates, TemplateSet set, IoiWords words,
      PythonRandom random) {
    List<Integer> templateRange = IntStream.range(0, templates.size()).boxed().collect(Collectors.toList());
    List<PromptMetadata> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int templateIdx = random.choice(templateRange);
      String s = random.choice(words.names());
      String io = random.choice(words.names());
      while (io.equals(s)) {
        io = random.choice(words.names());
      }
      String place = random.choice(words.places());
      String object = random.choice(words.objects());
      String order = set.isAbba(templates.get(templateIdx)) ? "ABB" : "BAB";
      out.add(PromptMetadata.ioi(io, s, templateIdx, place, object, order));
    }
    return out;
  }
}
