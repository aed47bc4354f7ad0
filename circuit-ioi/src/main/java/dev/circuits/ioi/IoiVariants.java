package dev.circuits.ioi;

import dev.circuits.core.internal.PythonRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datasets for the Part 4 claims about what S-Inhibition heads transmit (remix-ioi.md §7.4-7.5): the
 * same prompts (same names, places, objects, order) with positions moved, so that position signals can be
 * told apart from token and template-order signals. Variants draw from their own seeded {@link
 * PythonRandom}, never from the dataset's {@link IoiRng}; building the result is an ordinary
 * manual-metadata construction (so under {@link IoiRng.Mode#REMIX} it reseeds the context, as any REMIX
 * construction does). Flips of a variant keep its prefixes and templates, so patch and baseline data can
 * be made from the same variant.
 */
public final class IoiVariants {
  private static final Logger LOG = LoggerFactory.getLogger(IoiVariants.class);
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  /** Name-free filler sentences used as random-length prefixes. */
  public static final List<String> FILLER_SENTENCES = List.of(
      "It was a warm and quiet afternoon.",
      "The weather had been lovely all week.",
      "Nobody expected anything unusual to happen.",
      "The town was busy with people and cars.",
      "Everyone had finished their work early that day.",
      "It had rained a little in the morning.",
      "A light breeze was coming from the sea.",
      "The streets were calm after the long holiday.");

  /** Tails after {@code {S2}} for the END-S2 distance variants; index 0 is REMIX's (END - S2 = 4). */
  public static final List<String> END_TAILS = List.of(
      " gave a {OBJECT} to",
      " gave it to",
      " decided to give it to",
      " decided to give a {OBJECT} to",
      " then decided to give a {OBJECT} to");

  /** END - S2 in tokens for each of {@link #END_TAILS} (each word is one GPT-2 token). */
  public static final List<Integer> END_TAIL_DISTANCES = List.of(4, 3, 5, 6, 7);

  private static volatile TemplateSet endDistanceTemplates;

  private IoiVariants() {}

  /**
   * The base prompts with a random-length, name-free prefix after {@code <|endoftext|>}: per prompt,
   * {@code randint(minSentences, maxSentences)} sentences drawn from {@link #FILLER_SENTENCES}.
   *
   * <p>Decorrelates the absolute positions of IO, S1, S2 and END (shifted by a per-prompt amount) from
   * their roles, while keeping the names, the template order (ABB/BAB) and every relative distance
   * (S2 - S1, END - S2, END - IO). With a prefix the template's first word is tokenized with a leading
   * space ("Then" 6423 becomes " Then" 3244). Positions are no longer aligned: index by
   * {@link IoiDataset#wordIdx(String)} per prompt.
   */
  public static IoiDataset withRandomPrefixes(IoiDataset base, int minSentences, int maxSentences, long seed) {
    Objects.requireNonNull(base, "base");
    if (minSentences < 0 || maxSentences < minSentences) {
      throw new IoiException(IoiException.Kind.INVALID_VARIANT, "prefix sentence counts must satisfy 0 <= min <= max,"
          + " got min=" + minSentences + ", max=" + maxSentences);
    }
    checkNameFree(base.words(), FILLER_SENTENCES);
    PythonRandom random = new PythonRandom(seed);
    List<PromptMetadata> out = new ArrayList<>(base.size());
    for (PromptMetadata m : base.metadata()) {
      int k = (int) random.randint(minSentences, maxSentences);
      StringBuilder prefix = new StringBuilder();
      for (int j = 0; j < k; j++) {
        prefix.append(random.choice(FILLER_SENTENCES)).append(' ');
      }
      out.add(m.withPrefix(m.prefix() + prefix));
    }
    IoiDataset ds = base.toBuilder().metadata(out).build();
    LOG.debug("random prefixes ({}..{} sentences, seed {}): lengths {}..{}", minSentences, maxSentences, seed,
        min(ds.lengths()), ds.maxLength());
    return ds;
  }

  /**
   * The REMIX template ("Then, A and B went to the PLACE. S2 ...") with each of {@link #END_TAILS} after
   * S2, in ABBA form; index 0 is REMIX's own template.
   */
  public static TemplateSet endDistanceTemplates() {
    TemplateSet t = endDistanceTemplates;
    if (t == null) {
      String remix = TemplateSet.remix().abba().get(0);
      String head = remix.substring(0, remix.indexOf("{S2}") + "{S2}".length());
      List<String> templates = new ArrayList<>();
      for (String tail : END_TAILS) {
        templates.add(head + tail);
      }
      t = TemplateSet.of("remix-end-distance", templates);
      endDistanceTemplates = t;
    }
    return t;
  }

  /**
   * The base prompts with every prompt's text after S2 replaced by tail {@code tailIndex} of {@link
   * #END_TAILS}, so END - S2 becomes {@link #END_TAIL_DISTANCES}{@code .get(tailIndex)}. Requires a base
   * built from {@link TemplateSet#remix()}.
   *
   * <p>Decorrelates the relative position of END to S2, S1 and IO (END - IO changes by the same amount)
   * from the roles, while keeping the absolute positions of IO, S1, S2, the names and the template order.
   */
  public static IoiDataset withEndTail(IoiDataset base, int tailIndex) {
    Objects.requireNonNull(base, "base");
    if (tailIndex < 0 || tailIndex >= END_TAILS.size()) {
      throw new IoiException(IoiException.Kind.TEMPLATE_INDEX_OUT_OF_RANGE,
          "tail index " + tailIndex + " is outside END_TAILS; expected 0.." + (END_TAILS.size() - 1));
    }
    return retail(base, i -> tailIndex);
  }

  /**
   * The base prompts, each moved to a random tail (drawn with {@code seed}) whose END - S2 distance
   * differs from REMIX's 4, i.e. one of 3, 5, 6, 7. Requires a base built from {@link TemplateSet#remix()}.
   *
   * <p>Decorrelates END - S2 (and END - IO) from the roles per prompt, keeping absolute positions of the
   * names and the template order; a patch from this dataset into the base tests whether a signal is the
   * relative distance to END.
   */
  public static IoiDataset withOtherEndDistances(IoiDataset base, long seed) {
    Objects.requireNonNull(base, "base");
    PythonRandom random = new PythonRandom(seed);
    int[] tails = new int[base.size()];
    for (int i = 0; i < tails.length; i++) {
      tails[i] = 1 + (int) random.randbelow(END_TAILS.size() - 1);
    }
    return retail(base, i -> tails[i]);
  }

  private interface TailChooser {
    int tail(int prompt);
  }

  private static IoiDataset retail(IoiDataset base, TailChooser chooser) {
    if (!base.templateSet().name().equals(TemplateSet.remix().name())
        || !base.templateSet().abba().equals(TemplateSet.remix().abba())) {
      throw new IoiException(IoiException.Kind.INVALID_VARIANT, "END-distance variants need a base built from "
          + "TemplateSet.remix(); got template set '" + base.templateSet().name() + "'");
    }
    TemplateSet tails = endDistanceTemplates();
    int perOrder = tails.size();
    boolean mixed = base.promptType() == PromptType.MIXED;
    List<PromptMetadata> out = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      PromptMetadata m = base.metadata().get(i);
      int tail = chooser.tail(i);
      // A mixed base has [BABA, ABBA]; the new mixed list is BABA tails then ABBA tails.
      int idx = mixed ? m.templateIdx() * perOrder + tail : tail;
      out.add(m.withTemplateIdx(idx));
    }
    return base.toBuilder()
        .templateSet(tails)
        .nbTemplates(tails.defaultCount(base.promptType()))
        .metadata(out)
        .build();
  }

  private static void checkNameFree(IoiWords words, List<String> sentences) {
    for (String s : sentences) {
      java.util.regex.Matcher m = WORD.matcher(s);
      while (m.find()) {
        if (words.isName(m.group())) {
          throw new IoiException(IoiException.Kind.INVALID_VARIANT,
              "filler sentence '" + s + "' contains the name '" + m.group() + "'; prefixes must be name-free");
        }
      }
    }
  }

  private static int min(int[] xs) {
    int m = Integer.MAX_VALUE;
    for (int x : xs) {
      m = Math.min(m, x);
    }
    return m;
  }
}
