package dev.circuits.ioi.claims;

import dev.circuits.ioi.plot.Chart;
import java.util.List;
import java.util.Objects;

/** One piece of a claim's report: a paragraph, preformatted text, a table or a figure. */
public sealed interface ReportBlock {
  /** Calls the method of {@code renderer} for this block's kind. */
  void renderTo(Renderer renderer);

  /** One method per kind of block (Java 17 has no pattern switch). */
  interface Renderer {
    /** Renders a paragraph. */
    void text(Text t);

    /** Renders preformatted text. */
    void code(Code c);

    /** Renders a table. */
    void table(Table t);

    /** Renders a figure. */
    void figure(Figure f);
  }

  /** A paragraph of plain text; {@code `backticks`} mark code. */
  record Text(String text) implements ReportBlock {
    /** Rejects null. */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public void renderTo(Renderer renderer) {
      renderer.text(this);
    }
  }

  /** Preformatted text (command output, printed paths). */
  record Code(String text) implements ReportBlock {
    /** Rejects null. */
    public Code {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public void renderTo(Renderer renderer) {
      renderer.code(this);
    }
  }

  /** A table with a caption, a header row and rows of the same width. */
  record Table(String caption, List<String> header, List<List<String>> rows)
      implements ReportBlock {
    /** Copies the lists and checks every row has the header's width. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).size() != header.size()) {
          throw new IllegalArgumentException("table '" + caption + "': row " + i + " has "
              + rows.get(i).size() + " cells, the header " + header.size());
        }
      }
    }

    @Override
    public void renderTo(Renderer renderer) {
      renderer.table(this);
    }
  }

  /**
   * A figure: a chart (data) that the report writer draws next to the report as {@code fileName}
   * (a PNG) and inline in the HTML page.
   */
  record Figure(String caption, String fileName, Chart chart) implements ReportBlock {
    /** Checks the file name is a plain {@code .png} name. */
    public Figure {
      if (!fileName.matches("[A-Za-z0-9._-]+\\.png")) {
        throw new IllegalArgumentException("figure file name '" + fileName
            + "' must be a plain name ending in .png");
      }
      Objects.requireNonNull(chart, "chart");
    }

    @Override
    public void renderTo(Renderer renderer) {
      renderer.figure(this);
    }
  }
}
