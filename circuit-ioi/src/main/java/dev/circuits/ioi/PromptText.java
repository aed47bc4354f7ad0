package dev.circuits.ioi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a template with a prompt's names, place and object, as Python's {@code str.format}. */
final class PromptText {
  static final String BOS = "<|endoftext|>";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(IO|S1|S2|PLACE|OBJECT)\\}");

  private PromptText() {}

  /**
   * IOI: IO=IO, S1=S, S2=S; ABC: IO=IO1, S1=IO2, S2=S. A non-empty prefix goes right after a leading
   * {@code <|endoftext|>} (or first, if the template has none).
   */
  static String render(String template, PromptMetadata m) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value;
      switch (matcher.group(1)) {
        case "IO":
          value = m.ioSlotName();
          break;
        case "S1":
          value = m.s1SlotName();
          break;
        case "S2":
          value = m.s2SlotName();
          break;
        case "PLACE":
          value = m.place();
          break;
        default:
          value = m.object();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    String text = out.toString();
    if (m.prefix().isEmpty()) {
      return text;
    }
    if (text.startsWith(BOS)) {
      return BOS + m.prefix() + text.substring(BOS.length());
    }
    return m.prefix() + text;
  }
}
