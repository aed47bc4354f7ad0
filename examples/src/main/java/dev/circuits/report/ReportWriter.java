package dev.circuits.report;

import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.ReportBlock;
import dev.circuits.ioi.claims.RunInfo;
import dev.circuits.ioi.claims.Verdict;
import dev.circuits.ioi.plot.Heatmap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes a claims run as {@code report.md} with its PNG figures, and as one self-contained
 * {@code index.html} (figures inline, no scripts, no external files). Every file is written
 * atomically. Example: {@code ReportWriter.write(Path.of("claims-report"), info, results)}.
 */
public final class ReportWriter {
  /** The markdown report's file name. */
  public static final String MARKDOWN = "report.md";
  /** The HTML page's file name. */
  public static final String HTML = "index.html";

  private ReportWriter() {}

  /** Writes the figures, {@code report.md} and {@code index.html} into {@code dir}. */
  public static void write(Path dir, RunInfo info, List<ClaimResult> results) {
    for (ClaimResult r : results) {
      for (ReportBlock b : r.blocks()) {
        b.renderTo(new FigureFiles(dir));
      }
    }
    ReportFiles.writeAtomically(dir.resolve(MARKDOWN),
        markdown(info, results).getBytes(StandardCharsets.UTF_8), MARKDOWN);
    ReportFiles.writeAtomically(dir.resolve(HTML),
        html(info, results).getBytes(StandardCharsets.UTF_8), HTML);
  }

  /** The markdown report (figures referenced by file name). */
  public static String markdown(RunInfo info, List<ClaimResult> results) {
    StringBuilder s = new StringBuilder();
    s.append("# IOI claims on ").append(info.model()).append("\n\n");
    s.append("- Command: `").append(info.command()).append("`\n");
    s.append("- Model: ").append(info.model()).append("; N = ").append(info.n())
        .append(" prompts per dataset\n");
    s.append("- Expected heads from: ").append(info.expectedSource()).append("\n");
    s.append(String.format(Locale.ROOT, "- Started %s; took %.1f s%n%n", info.startedAt(),
        info.seconds()));
    for (String w : info.warnings()) {
      s.append("> **Warning:** ").append(w).append("\n\n");
    }
    s.append("| claim | verdict | why | time |\n|---|---|---|---|\n");
    for (ClaimResult r : results) {
      s.append(String.format(Locale.ROOT, "| %s. %s | **%s** | %s | %.1f s |%n", r.id(),
          cell(r.title()), r.verdict().label(), cell(r.reason()), r.seconds()));
    }
    for (ClaimResult r : results) {
      s.append("\n## Claim ").append(r.id()).append(": ").append(r.title()).append("\n\n");
      s.append("> ").append(r.statement()).append("\n\n");
      s.append("**Verdict: ").append(r.verdict().label()).append(".** ").append(r.reason())
          .append("\n");
      for (ReportBlock b : r.blocks()) {
        s.append("\n");
        b.renderTo(new MarkdownBlocks(s));
      }
    }
    return s.toString();
  }

  /** The self-contained HTML page. */
  public static String html(RunInfo info, List<ClaimResult> results) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>IOI claims on ").append(esc(info.model())).append("</title>\n<style>")
        .append(STYLE).append("</style></head>\n<body>\n");
    s.append("<h1>IOI claims on ").append(esc(info.model())).append("</h1>\n");
    s.append("<p class=\"meta\">Command: <code>").append(esc(info.command()))
        .append("</code><br>Model: ").append(esc(info.model())).append("; N = ")
        .append(info.n()).append(" prompts per dataset<br>Expected heads from: ")
        .append(esc(info.expectedSource()))
        .append(String.format(Locale.ROOT, "<br>Started %s; took %.1f s</p>%n",
            esc(info.startedAt()), info.seconds()));
    for (String w : info.warnings()) {
      s.append("<p class=\"warning\"><strong>Warning:</strong> ").append(inline(w))
          .append("</p>\n");
    }
    s.append("<table class=\"summary\"><tr><th>claim</th><th>verdict</th><th>why</th>")
        .append("<th>time</th></tr>\n");
    for (ClaimResult r : results) {
      s.append(String.format(Locale.ROOT, "<tr><td><a href=\"#claim%s\">%s. %s</a></td>"
          + "<td>%s</td><td>%s</td><td>%.1f&nbsp;s</td></tr>%n", esc(r.id()), esc(r.id()),
          esc(r.title()), badge(r.verdict()), inline(r.reason()), r.seconds()));
    }
    s.append("</table>\n");
    for (ClaimResult r : results) {
      s.append("<section id=\"claim").append(esc(r.id())).append("\">\n<h2>Claim ")
          .append(esc(r.id())).append(": ").append(esc(r.title())).append("</h2>\n")
          .append("<blockquote>").append(inline(r.statement())).append("</blockquote>\n")
          .append("<p class=\"verdict\">Verdict: ").append(badge(r.verdict())).append(" ")
          .append(inline(r.reason())).append("</p>\n");
      for (ReportBlock b : r.blocks()) {
        b.renderTo(new HtmlBlocks(s));
      }
      s.append("</section>\n");
    }
    s.append("</body></html>\n");
    return s.toString();
  }

  private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:1100px;"
      + "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
      + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
      + "padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
      + "code,pre{background:#f6f6f6;font-family:ui-monospace,monospace}pre{padding:.8em;"
      + "overflow-x:auto}blockquote{border-left:4px solid #ccc;margin:1em 0;padding:.2em 1em;"
      + "color:#555}figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}"
      + ".meta{color:#555}.badge{display:inline-block;padding:.1em .5em;border-radius:.3em;"
      + "color:#fff;font-weight:600;white-space:nowrap}.supported{background:#2e7d32}"
      + ".refuted{background:#c62828}.partly{background:#ef6c00}.inconclusive{background:#757575}"
      + "section{border-top:1px solid #ddd;margin-top:2em}"
      + ".warning{background:#fff3cd;border:1px solid #e0c060;padding:.6em 1em}";

  private static String badge(Verdict v) {
    String cls = v.name().toLowerCase(Locale.ROOT);
    return "<span class=\"badge " + cls + "\">" + esc(v.label()) + "</span>";
  }

  /** Writes each figure's PNG into the report directory; ignores other blocks. */
  private record FigureFiles(Path dir) implements ReportBlock.Renderer {
    @Override
    public void text(ReportBlock.Text t) {}

    @Override
    public void code(ReportBlock.Code c) {}

    @Override
    public void table(ReportBlock.Table t) {}

    @Override
    public void figure(ReportBlock.Figure f) {
      ChartPng.write(f.chart(), dir.resolve(f.fileName()));
    }
  }

  /** Appends blocks as markdown. */
  private record MarkdownBlocks(StringBuilder s) implements ReportBlock.Renderer {
    @Override
    public void text(ReportBlock.Text t) {
      s.append(t.text()).append("\n");
    }

    @Override
    public void code(ReportBlock.Code c) {
      s.append("```\n").append(c.text().strip()).append("\n```\n");
    }

    @Override
    public void table(ReportBlock.Table t) {
      markdownTable(s, t);
    }

    @Override
    public void figure(ReportBlock.Figure f) {
      s.append("![").append(f.caption()).append("](").append(f.fileName()).append(")\n\n*")
          .append(f.caption()).append("*\n");
    }
  }

  /** Appends blocks as HTML; figures inline (SVG, else a base64 PNG). */
  private record HtmlBlocks(StringBuilder s) implements ReportBlock.Renderer {
    @Override
    public void text(ReportBlock.Text t) {
      s.append("<p>").append(inline(t.text())).append("</p>\n");
    }

    @Override
    public void code(ReportBlock.Code c) {
      s.append("<pre>").append(esc(c.text().strip())).append("</pre>\n");
    }

    @Override
    public void table(ReportBlock.Table t) {
      htmlTable(s, t);
    }

    @Override
    public void figure(ReportBlock.Figure f) {
      s.append("<figure>");
      if (f.chart() instanceof Heatmap h) {
        s.append(HeatmapSvg.svg(h));
      } else {
        s.append("<img alt=\"").append(esc(f.caption())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(ChartPng.encode(f.chart()))).append("\">");
      }
      s.append("<figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
    }
  }

  private static void markdownTable(StringBuilder s, ReportBlock.Table t) {
    s.append("*").append(t.caption()).append("*\n\n| ")
        .append(String.join(" | ", t.header().stream().map(ReportWriter::cell).toList()))
        .append(" |\n|").append("---|".repeat(t.header().size())).append("\n");
    for (List<String> row : t.rows()) {
      s.append("| ").append(String.join(" | ", row.stream().map(ReportWriter::cell).toList()))
          .append(" |\n");
    }
  }

  private static void htmlTable(StringBuilder s, ReportBlock.Table t) {
    s.append("<table><caption>").append(esc(t.caption())).append("</caption><tr>");
    for (String h : t.header()) {
      s.append("<th>").append(esc(h)).append("</th>");
    }
    s.append("</tr>\n");
    for (List<String> row : t.rows()) {
      s.append("<tr>");
      for (String c : row) {
        s.append("<td>").append(inline(c)).append("</td>");
      }
      s.append("</tr>\n");
    }
    s.append("</table>\n");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** Escapes HTML and turns {@code `code`} spans into {@code <code>}. */
  static String inline(String text) {
    String[] parts = esc(text).split("`", -1);
    StringBuilder s = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      boolean closes = i % 2 == 0;
      boolean unmatched = !closes && i == parts.length - 1;
      s.append(unmatched ? "`" : closes ? "</code>" : "<code>").append(parts[i]);
    }
    return s.toString();
  }

  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
