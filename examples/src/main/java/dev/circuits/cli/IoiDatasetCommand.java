package dev.circuits.cli;

import dev.circuits.core.internal.Json;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.PromptFamily;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.TemplateSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits ioi dataset}: REMIX-exact IOI datasets as text or JSON. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "Print an IOI dataset exactly as REMIX's IOIDataset builds it: prompts, tokens, "
        + "IO/S ids and per-prompt word indices.")
final class IoiDatasetCommand implements Callable<Integer> {
  @Option(names = "--type", defaultValue = "BABA", description = "BABA, ABBA or mixed.")
  String type;

  @Option(names = "--family", defaultValue = "IOI", description = "IOI or ABC.")
  PromptFamily family;

  @Option(names = "--n", defaultValue = "50", description = "Number of prompts.")
  int n;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (REMIX: 42).")
  long seed;

  @Option(names = "--templates", description = "Use the IOI paper's 15 templates, this many "
      + "(default: REMIX's single template).")
  Integer templates;

  @Option(names = "--flip", description = "Flip IO, S, S1, S2, IO1, IO2 or order (repeatable).")
  List<String> flips = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object (or array with --remix-part3).")
  boolean json;

  @Option(names = "--remix-part3", description = "The five datasets of REMIX Parts 3/4 in order "
      + "(base, flipped IO, flipped S, flipped IO+S, order).")
  boolean remixPart3;

  @Override
  public Integer call() {
    List<IoiDataset> datasets = remixPart3 ? RemixDatasets.build().inOrder() : List.of(build());
    if (json) {
      List<Object> all = new ArrayList<>();
      for (IoiDataset d : datasets) {
        all.add(toJson(d));
      }
      System.out.println(Json.write(remixPart3 ? all : all.get(0)));
    } else {
      for (IoiDataset d : datasets) {
        printText(d);
      }
    }
    return 0;
  }

  private IoiDataset build() {
    IoiDataset.Builder b = IoiDataset.builder().n(n).family(family).seed(seed)
        .promptType(PromptType.parse(type));
    if (templates != null) {
      b.templateSet(TemplateSet.paper()).nbTemplates(templates);
    }
    IoiDataset d = b.build();
    for (String f : flips) {
      d = d.flip(Flip.parse(f));
    }
    return d;
  }

  private static List<Long> longs(int[] a) {
    return Arrays.stream(a).asLongStream().boxed().toList();
  }

  static Map<String, Object> toJson(IoiDataset d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prompts", List.copyOf(d.texts()));
    List<Object> tokens = new ArrayList<>();
    for (int[] row : d.tokens()) {
      tokens.add(longs(row));
    }
    m.put("tokens", tokens);
    m.put("io", longs(d.ioTokenIds()));
    m.put("s", longs(d.sTokenIds()));
    Map<String, Object> idx = new LinkedHashMap<>();
    for (String key : d.wordIdxKeys()) {
      idx.put(key, longs(d.wordIdx(key)));
    }
    m.put("word_idx", idx);
    return m;
  }

  private static void printText(IoiDataset d) {
    System.out.println("# " + d);
    int[][] toks = d.tokens();
    for (int i = 0; i < d.size(); i++) {
      StringBuilder sb = new StringBuilder();
      sb.append(i).append(": ").append(d.texts().get(i)).append("\n   tokens ")
          .append(Arrays.toString(toks[i])).append("\n   io ").append(d.ioTokenIds()[i])
          .append(" s ").append(d.sTokenIds()[i]);
      for (String key : d.wordIdxKeys()) {
        sb.append(' ').append(key).append('=').append(d.wordIdx(key)[i]);
      }
      System.out.println(sb);
    }
  }
}
