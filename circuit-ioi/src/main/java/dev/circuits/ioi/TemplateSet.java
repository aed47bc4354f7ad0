package dev.circuits.ioi;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered list of IOI templates in ABBA form ({@code {IO}} before {@code {S1}}), with the BABA forms
 * derived as REMIX does (swap {@code {IO}} and {@code {S1}}). Placeholders: {@code {IO}}, {@code {S1}},
 * {@code {S2}} (each exactly once), {@code {PLACE}}, {@code {OBJECT}} (any number of times).
 *
 * <p>{@link #remix()} is REMIX's active list (one template); {@link #paper()} is the IOI paper's 15
 * templates, whose first entry is REMIX's template, so {@code paper()} with one template reproduces REMIX.
 */
public final class TemplateSet {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
  private static final Set<String> KEYS = Set.of("IO", "S1", "S2", "PLACE", "OBJECT");

  private static final List<String> PAPER_ABBA = List.of(
      "<|endoftext|>Then, {IO} and {S1} went to the {PLACE}. {S2} gave a {OBJECT} to",
      "<|endoftext|>Then, {IO} and {S1} had a lot of fun at the {PLACE}. {S2} gave a {OBJECT} to",
      "<|endoftext|>Then, {IO} and {S1} were working at the {PLACE}. {S2} decided to give a {OBJECT} to",
      "<|endoftext|>Then, {IO} and {S1} were thinking about going to the {PLACE}. {S2} wanted to give a {OBJECT} to",
      "<|endoftext|>Then, {IO} and {S1} had a long argument, and afterwards {S2} said to",
      "<|endoftext|>After {IO} and {S1} went to the {PLACE}, {S2} gave a {OBJECT} to",
      "<|endoftext|>When {IO} and {S1} got a {OBJECT} at the {PLACE}, {S2} decided to give it to",
      "<|endoftext|>When {IO} and {S1} got a {OBJECT} at the {PLACE}, {S2} decided to give the {OBJECT} to",
      "<|endoftext|>While {IO} and {S1} were working at the {PLACE}, {S2} gave a {OBJECT} to",
      "<|endoftext|>While {IO} and {S1} were commuting to the {PLACE}, {S2} gave a {OBJECT} to",
      "<|endoftext|>After the lunch, {IO} and {S1} went to the {PLACE}. {S2} gave a {OBJECT} to",
      "<|endoftext|>Afterwards, {IO} and {S1} went to the {PLACE}. {S2} gave a {OBJECT} to",
      "<|endoftext|>Then, {IO} and {S1} had a long argument. Afterwards {S2} said to",
      "<|endoftext|>The {PLACE} {IO} and {S1} went to had a {OBJECT}. {S2} gave it to",
      "<|endoftext|>Friends {IO} and {S1} found a {OBJECT} at the {PLACE}. {S2} gave it to");

  private static volatile TemplateSet remix;
  private static volatile TemplateSet paper;

  private final String name;
  private final ImmutableList<String> abba;
  private final ImmutableList<String> baba;

  private TemplateSet(String name, List<String> abbaTemplates) {
    if (abbaTemplates.isEmpty()) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE, "template set '" + name + "' has no templates");
    }
    this.name = name;
    this.abba = ImmutableList.copyOf(abbaTemplates);
    ImmutableList.Builder<String> b = ImmutableList.builder();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < abba.size(); i++) {
      String t = abba.get(i);
      validate(name, i, t);
      if (!seen.add(t)) {
        throw new IoiException(IoiException.Kind.INVALID_TEMPLATE,
            "template set '" + name + "' lists template " + i + " twice: " + t);
      }
      b.add(swapSubstrings(t, "{IO}", "{S1}"));
    }
    this.baba = b.build();
  }

  /** REMIX's active template list: one ABBA template and its BABA mirror. */
  public static TemplateSet remix() {
    TemplateSet t = remix;
    if (t == null) {
      t = new TemplateSet("remix", IoiWords.remix().abbaTemplates());
      remix = t;
    }
    return t;
  }

  /** The IOI paper's 15 templates (Appendix E), REMIX's commented-out list, each with its BABA mirror. */
  public static TemplateSet paper() {
    TemplateSet t = paper;
    if (t == null) {
      t = new TemplateSet("paper", PAPER_ABBA);
      paper = t;
    }
    return t;
  }

  /** A custom set from templates in ABBA form; validates every template. */
  public static TemplateSet of(String name, List<String> abbaTemplates) {
    return new TemplateSet(name, abbaTemplates);
  }

  private static void validate(String set, int index, String t) {
    String where = "template " + index + " of set '" + set + "' (" + t + ")";
    if (t.contains("___")) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE,
          where + " contains '___', which REMIX's IO/S1 swap uses as its placeholder");
    }
    Matcher m = PLACEHOLDER.matcher(t);
    int io = 0;
    int s1 = 0;
    int s2 = 0;
    int ioAt = -1;
    int s1At = -1;
    while (m.find()) {
      String key = m.group(1);
      if (!KEYS.contains(key)) {
        throw new IoiException(IoiException.Kind.INVALID_TEMPLATE,
            where + " has unknown placeholder {" + key + "}; expected {IO}, {S1}, {S2}, {PLACE} or {OBJECT}");
      }
      if (key.equals("IO")) {
        io++;
        ioAt = m.start();
      } else if (key.equals("S1")) {
        s1++;
        s1At = m.start();
      } else if (key.equals("S2")) {
        s2++;
      }
    }
    String stripped = PLACEHOLDER.matcher(t).replaceAll("");
    if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE, where + " has an unmatched brace");
    }
    if (io != 1 || s1 != 1 || s2 != 1) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE,
          where + " must contain {IO}, {S1} and {S2} exactly once each (found " + io + ", " + s1 + ", " + s2 + ")");
    }
    if (ioAt > s1At) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE,
          where + " is not in ABBA form: {IO} must come before {S1}");
    }
  }

  /** REMIX's {@code swap_substrings}: a to "___", b to a, "___" to b. */
  static String swapSubstrings(String s, String a, String b) {
    return s.replace(a, "___").replace(b, a).replace("___", b);
  }

  /** The set's name ("remix", "paper" or the custom name). */
  public String name() {
    return name;
  }

  /** Number of templates (ABBA forms; the BABA list has the same size). */
  public int size() {
    return abba.size();
  }

  /** The templates in ABBA form (IO first). */
  public List<String> abba() {
    return abba;
  }

  /** The templates in BABA form (S first), in the same order. */
  public List<String> baba() {
    return baba;
  }

  /** True if the template string is one of the ABBA forms (REMIX's "order" is "ABB" then). */
  public boolean isAbba(String template) {
    return abba.contains(template);
  }

  /** The default nb_templates of REMIX: all templates of one order, or twice that for MIXED. */
  public int defaultCount(PromptType type) {
    return type == PromptType.MIXED ? 2 * size() : size();
  }

  /**
   * The dataset's template list as REMIX builds it: ABBA[:nb], BABA[:nb], or for MIXED
   * BABA[:ceil(nb/2)] + ABBA[:nb/2]. Unlike REMIX, which silently truncates, asking for more templates
   * than the set holds is an error (REMIX would later index past its list on an order flip).
   */
  public List<String> select(PromptType type, int nbTemplates) {
    if (nbTemplates <= 0) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE_COUNT,
          "nb_templates must be positive, got " + nbTemplates);
    }
    if (type == PromptType.MIXED) {
      if (nbTemplates % 2 != 0) {
        throw new IoiException(IoiException.Kind.INVALID_TEMPLATE_COUNT,
            "a mixed dataset needs an even nb_templates (half BABA, half ABBA), got " + nbTemplates);
      }
      if (nbTemplates / 2 > size()) {
        throw new IoiException(IoiException.Kind.INVALID_TEMPLATE_COUNT, "nb_templates " + nbTemplates
            + " asks for " + nbTemplates / 2 + " templates of each order but set '" + name + "' has "
            + size() + "; expected at most " + 2 * size());
      }
      return ImmutableList.<String>builder()
          .addAll(baba.subList(0, nbTemplates / 2))
          .addAll(abba.subList(0, nbTemplates / 2))
          .build();
    }
    if (nbTemplates > size()) {
      throw new IoiException(IoiException.Kind.INVALID_TEMPLATE_COUNT, "nb_templates " + nbTemplates
          + " exceeds the " + size() + " templates of set '" + name + "'; expected at most " + size());
    }
    return (type == PromptType.ABBA ? abba : baba).subList(0, nbTemplates);
  }

  @Override
  public String toString() {
    return "TemplateSet[" + name + ", " + size() + " templates]";
  }
}
