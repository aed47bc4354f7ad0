package dev.circuits.cli;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.claims.ClaimContext;
import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.Claims;
import dev.circuits.ioi.claims.ClaimsRun;
import dev.circuits.ioi.claims.ExpectedHeads;
import dev.circuits.ioi.claims.RunInfo;
import dev.circuits.report.ReportWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code circuits ioi claims}: REMIX day 5's claims about the IOI circuit, end to end. */
@Command(name = "claims", mixinStandardHelpOptions = true,
    description = "Run REMIX day 5's claims (1 = Part 3's demonstrations and Claim 1; 2-6 = "
        + "Part 4) on a model; print each verdict with its numbers and write report.md, PNG "
        + "figures and a self-contained index.html.")
final class IoiClaimsCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "gpt2",
      description = "gpt2 (GPT-2 small from the Hugging Face Hub, downloaded once), planted-gpt2 "
          + "or planted-ioi (offline), a local folder or a .circ model file. Default: "
          + "${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--claim", defaultValue = "all",
      description = "all, or claim ids separated by commas (1..6). Default: ${DEFAULT-VALUE}.")
  String claim;

  @Option(names = "--n", defaultValue = "50", description = "Prompts per dataset (default 50).")
  int n;

  @Option(names = "--out", defaultValue = "claims-report",
      description = "Report directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    String startedAt = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    var claims = Claims.select(claim);
    System.err.println("Loading model " + model + " ...");
    Gpt2Weights weights = ModelArg.load(model);
    ExpectedHeads expected = ModelArg.expected(model, weights);
    ProgressBar bar = new ProgressBar(System.err);
    ClaimContext ctx = new ClaimContext(weights, model, expected, n,
        Evaluator.builder().memoryBudgetBytes(2L << 30).build(), bar::update);
    List<String> warnings = ctx.ioiWarning().stream().toList();
    warnings.forEach(w -> System.err.println("warning: " + w));
    List<ClaimResult> results = new java.util.ArrayList<>();
    for (var c : claims) {
      ClaimResult r = ClaimsRun.runOne(ctx, c);
      bar.finish();
      results.add(r);
      System.out.printf(Locale.ROOT, "Claim %s (%s): %s. %s [%.1f s]%n", r.id(), r.title(),
          r.verdict().label().toUpperCase(Locale.ROOT), r.reason(), r.seconds());
    }
    RunInfo info = new RunInfo(commandLine(), model, n, expected.source(), startedAt,
        (System.nanoTime() - start) / 1e9, warnings);
    ReportWriter.write(out, info, results);
    System.out.println("Report: " + out.resolve(ReportWriter.HTML).toAbsolutePath() + " and "
        + out.resolve(ReportWriter.MARKDOWN));
    return ClaimsRun.anyFailed(results) ? 1 : 0;
  }

  private String commandLine() {
    return "./circuits ioi claims --model " + model + " --claim " + claim + " --n " + n
        + " --out " + out;
  }
}
