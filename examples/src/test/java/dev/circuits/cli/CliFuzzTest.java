package dev.circuits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.io.Safetensors;
import dev.circuits.core.testing.Fuzz;
import dev.circuits.core.testing.Mutations;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.RandomGpt2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Seeded random argument vectors for every subcommand, run in-process through picocli (issue
 * 15). Every run exits 0, 1 (a failed run: one short {@code error:} paragraph, no stack trace) or
 * 2 (an argument picocli rejects: one {@code error:} line pointing to {@code --help}); nothing
 * throws out of the command line. Values come from per-option pools of valid, edge and garbage
 * values; options may be dropped, repeated or unknown. A failure names its seed.
 */
class CliFuzzTest {
  private static final int CASES_PER_COMMAND = 8;
  /** Commands not fuzzed, and why. */
  private static final Map<String, String> SKIPPED = Map.of(
      "bench einsum", "a benchmark: takes no input and runs for minutes",
      "bench sweep", "a benchmark on GPT-2 small's shapes (minutes); --model is the loader "
          + "fuzzed through the other commands",
      "bench forward", "a benchmark on GPT-2 small's shapes (minutes); --model is the loader "
          + "fuzzed through the other commands",
      "bench claims", "a benchmark running every claim (minutes); --model is the loader fuzzed "
          + "through the other commands",
      "bench discover", "a benchmark running ACDC on 50 prompts (minutes); ioi discover is "
          + "fuzzed");
  /** Commands whose runs take a second or more (a model, the tokenizer): half as many cases. */
  private static final List<String> SLOW = List.of("model planted-ioi", "ioi attention",
      "ioi scrub", "ioi path-patch", "ioi logit-diff", "ioi discover", "gpt2 generate", "tokenize",
      "detokenize");
  /** Commands whose successful runs take long: only models that fail before running. */
  private static final List<String> NO_WORKING_MODEL = List.of("ioi claims");
  /**
   * Options always given (from their pools), because their defaults make long runs: GPT-2
   * small's shapes for random-gpt2, 50 prompts for the IOI experiments, 20 tokens to generate.
   */
  private static final Map<String, List<String>> ALWAYS = Map.of(
      "model random-gpt2", List.of("--size"), "gpt2 generate", List.of("--tokens"),
      "ioi logit-diff", List.of("--n"), "ioi path-patch", List.of("--n"),
      "ioi attention", List.of("--n"), "ioi scrub", List.of("--n"), "ioi claims", List.of("--n"),
      "ioi discover", List.of("--n", "--roc-points"));

  /** Options of which a command takes exactly one (circ get's --name or --regex). */
  private static final List<String> EXCLUSIVE = List.of("--name", "--regex");
  /** Values picocli itself rejects for most option types. */
  private static final List<String> GARBAGE = List.of("x", "", "99999999999999999999", "1e3");

  @TempDir
  static Path tmp;
  private static Map<String, List<String>> pools;

  @BeforeAll
  static void files() throws IOException {
    Path tiny = RandomGpt2.write(new Gpt2Config(1, 2, 8, 10, 4, 1e-5, "gelu_new"), 1,
        tmp.resolve("tiny-model"));
    Path garbage = Files.write(tmp.resolve("garbage.bin"), new byte[] {0, (byte) 0xff, 7, '{'});
    Path ids = tmp.resolve("ids.safetensors");
    Safetensors.write(ids, Map.of("input_ids", Nd4j.createFromArray(new long[][] {{1, 2}})));
    Path badIds = tmp.resolve("bad-ids.safetensors");
    Safetensors.write(badIds, Map.of("input_ids",
        Nd4j.createFromArray(new long[][] {{1, 1L << 40}})));
    Path floatIds = tmp.resolve("float-ids.safetensors");
    Safetensors.write(floatIds, Map.of("input_ids", Nd4j.createFromArray(new float[] {1, 2})));
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Path notJson = Files.writeString(tmp.resolve("hyp.json"), "{\"root\": NaN}");
    String hyp = Path.of("hypotheses", "planted-name-movers.json").toString();
    List<String> circs = new ArrayList<>(List.of(Path.of("circuits", "sample.circ").toString(),
        garbage.toString(), dir.toString(), tmp.resolve("missing.circ").toString()));
    String sample = Files.readString(Path.of("circuits", "sample.circ"));
    for (int i = 0; i < 6; i++) {
      String text = Mutations.text(sample, new Random(i), List.of("'", " [-1]", "\n  ", " Add",
          " Array zz", "[100000,100000]", "#"), 3);
      circs.add(Files.writeString(tmp.resolve("m" + i + ".circ"), text).toString());
    }
    String out = tmp.resolve("out").toString();
    List<String> outs = List.of(out + "-a", out + "-b/c", dir.toString(), garbage.toString(),
        "", "/proc/nope/x");
    pools = new LinkedHashMap<>();
    pools.put("--model", List.of("planted-ioi", "planted-ioi", tiny.toString(), "",
        "nonexistent-model", garbage.toString(), "gpt2", tmp.resolve("m0.circ").toString()));
    pools.put("--n", List.of("-1", "0", "2", "3"));
    pools.put("--seed", List.of("0", "42", "-7", "9223372036854775807"));
    pools.put("--type", List.of("BABA", "ABBA", "mixed", "XYZ", "", "baba"));
    pools.put("--family", List.of("IOI", "ABC", "Q", ""));
    pools.put("--templates", List.of("-1", "0", "1", "15", "16"));
    pools.put("--flip", List.of("IO", "S", "S1", "S2", "order", "zz", ""));
    pools.put("--patch", List.of("flipped-io", "flipped-s", "abc", "order", "nonsense", ""));
    pools.put("--receiver", List.of("logits", "3.0", "3.0,3.1", "99.99", "3.9", "a3.h0", "x",
        "", "99999999999.0"));
    pools.put("--channel", List.of("all", "q", "k", "v", "z", "Q", ""));
    pools.put("--position", List.of("END", "S2", "IO", "S1+1", "XYZ", ""));
    pools.put("--heads", List.of("3.0", "2.0,3.1", "9.9", "x", "", "-1.0"));
    pools.put("--hypothesis", List.of(hyp, notJson.toString(), garbage.toString(),
        tmp.resolve("missing.json").toString(), ""));
    pools.put("--labels", List.of("reference", "follow", "x"));
    pools.put("--metric", List.of("logit-diff", "kl", "accuracy", ""));
    pools.put("--threshold", List.of("0.02", "-1", "NaN", "1e9", "0"));
    pools.put("--roc-points", List.of("-1", "0", "1", "2"));
    pools.put("--claim", List.of("all", "6", "9", "1,2", "x", ""));
    pools.put("--prompt", List.of("Then, Mary", "", "<|endoftext|>", "\u0000\u2028x"));
    pools.put("--tokens", List.of("-5", "0", "1", "2"));
    pools.put("--input", List.of(ids.toString(), badIds.toString(), floatIds.toString(),
        garbage.toString(), tmp.resolve("missing").toString()));
    pools.put("--activation", List.of("gelu", "gelu_new", "relu", ""));
    pools.put("--format", List.of("torch", "safetensors", "x"));
    pools.put("--tensors", List.of(dir.toString(), tmp.resolve("store").toString(),
        garbage.toString()));
    pools.put("--size", List.of("tiny", "huge", ""));
    pools.put("--revision", List.of("main", "..", "", "x"));
    pools.put("--text", List.of("Then, Mary", "", "\u0000", "x".repeat(300)));
    pools.put("--tokenizer", List.of(garbage.toString(), tmp.resolve("missing").toString(),
        ""));
    pools.put("--ids", List.of("1,2,3", "-1", "99999999", "x", "", "50256", "1,,2"));
    pools.put("--name", List.of("head", "", "(", "a.b"));
    pools.put("--regex", List.of("head", "", "(", "[", ".*"));
    pools.put("--depth", List.of("1:3", "a:b", ":", "5", "-1:2", ""));
    pools.put("--children-depth", List.of("-1", "0", "2"));
    pools.put("--include", List.of("add_flatten", "nope", "", "add_flatten,nope"));
    pools.put("--exclude", List.of("add_flatten", "nope", ""));
    pools.put("FILE", circs);
    pools.put("NAME", List.of("", " ", "gpt2", "a/b/c", "../x", "org/", "-x"));
    pools.put("--out", outs);
    pools.put("--png", outs);
    pools.put("--html", outs);
  }

  /** Every runnable leaf command as its words after {@code circuits}. */
  private static Map<String, CommandSpec> leaves() {
    Map<String, CommandSpec> out = new LinkedHashMap<>();
    collect(CircuitsCli.commandLine(), "", out);
    return out;
  }

  private static void collect(CommandLine cl, String prefix, Map<String, CommandSpec> out) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      String path = (prefix + " " + e.getKey()).strip();
      if (e.getValue().getSubcommands().isEmpty()) {
        out.put(path, e.getValue().getCommandSpec());
      } else {
        collect(e.getValue(), path, out);
      }
    }
  }

  private static String pick(List<String> values, Random r) {
    return values.get(r.nextInt(values.size()));
  }

  /** A random argument vector for the command at {@code path}. */
  private static List<String> args(String path, CommandSpec spec, Random r) {
    List<String> a = new ArrayList<>(List.of(path.split(" ")));
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (r.nextInt(8) != 0) {
        a.add(pick(pools.getOrDefault(p.paramLabel(), List.of("x", "")), r));
      }
    }
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (o.usageHelp() || o.versionHelp()) {
        if (r.nextInt(40) == 0) {
          a.add(name);
        }
        continue;
      }
      if (EXCLUSIVE.contains(name) && r.nextInt(6) != 0) {
        continue; // one of them is added below
      }
      boolean include = ALWAYS.getOrDefault(path, List.of()).contains(name)
          || (o.required() ? r.nextInt(10) != 0 : r.nextInt(3) == 0);
      if (!include) {
        continue;
      }
      if (o.arity().max() == 0) {
        a.add(name);
        continue;
      }
      // Garbage never goes to path options: a relative "x" would be written in the worktree.
      List<String> pool = r.nextInt(8) == 0 && o.type() != Path.class ? GARBAGE
          : pools.getOrDefault(name, List.of("1", "-1"));
      if (name.equals("--model") && NO_WORKING_MODEL.contains(path)) {
        pool = pool.stream().filter(v -> !v.equals("planted-ioi")).toList();
      }
      a.add(name);
      a.add(pick(pool, r));
    }
    List<String> exclusive = spec.options().stream().map(OptionSpec::longestName)
        .filter(EXCLUSIVE::contains).toList();
    if (!exclusive.isEmpty() && r.nextInt(6) != 0) {
      String name = pick(exclusive, r);
      a.add(name);
      a.add(pick(pools.get(name), r));
    }
    switch (r.nextInt(24)) {
      case 0 -> a.add("--bogus");
      case 1 -> a.add(pick(List.of("extra", "-", "--"), r));
      case 2 -> a.addAll(a.size() > 1 ? a.subList(a.size() - 2, a.size()) : List.of());
      default -> { }
    }
    return a;
  }

  /** The exit code and messages must follow the command line's rules. */
  private static void check(List<String> args) {
    CircuitsCliTest.Run run = CircuitsCliTest.run(args.toArray(new String[0]));
    String err = run.err();
    switch (run.code()) {
      case 0 -> assertTrue(!err.contains("error:"), "exit 0 with an error: " + err);
      case 1 -> {
        assertTrue(err.startsWith("error: "), "exit 1 without an error message: " + err);
        assertTrue(!err.contains("internal error") && !err.contains("\tat "), err);
        assertTrue(err.lines().count() <= 25, "more than a paragraph: " + err);
      }
      case 2 -> {
        assertTrue(err.startsWith("error: ") && err.contains("--help'"), err);
        assertEquals(1, err.strip().lines().count(), err);
      }
      default -> throw new AssertionError("exit code " + run.code() + ": " + err);
    }
  }

  @Test
  void everyCommandIsFuzzedOrSkippedForAReason() {
    Map<String, CommandSpec> leaves = leaves();
    assertTrue(leaves.keySet().containsAll(SKIPPED.keySet()), leaves.keySet().toString());
    assertTrue(leaves.size() > 15, leaves.keySet().toString());
  }

  @Test
  void randomArgumentVectorsExitZeroOneOrTwoWithAMessage() {
    Map<String, CommandSpec> leaves = leaves();
    List<String> schedule = new ArrayList<>();
    for (String path : leaves.keySet()) {
      if (!SKIPPED.containsKey(path)) {
        for (int i = 0; i < (SLOW.contains(path) ? CASES_PER_COMMAND / 2 : CASES_PER_COMMAND);
            i++) {
          schedule.add(path);
        }
      }
    }
    int count = Fuzz.cases(schedule.size());
    Fuzz.run(Fuzz.firstSeed(), count, Duration.ofSeconds(60), seed -> {
      String path = schedule.get((int) Math.floorMod(seed, schedule.size()));
      return args(path, leaves.get(path), new Random(seed));
    }, args -> String.join(" | ", args), CliFuzzTest::check);
  }
}
