package dev.circuits.ioi.scrub;

import dev.circuits.core.Array;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.IoiRng;
import dev.circuits.ioi.PromptFamily;
import dev.circuits.ioi.PromptMetadata;
import dev.circuits.ioi.IoiWords;
import dev.circuits.scrubbing.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * IOI prompts as a causal-scrubbing {@link Dataset}, and back. The inputs are {@link #TOKENS}
 * ({@code [n, width]} int64, right-padded) and {@link #LABELS} ({@code [n, 2]}: IO and S token
 * ids); the other arrays describe each prompt for conditions and generators: name token ids,
 * template, place and object indices, and the IO/S1/S2/END positions. Prompts are re-encoded
 * with the context dataset's templates, tokenizer and word lists. IOI family only, no prefixes.
 */
public final class IoiScrubData {
  /** Token ids {@code [n, width]} (an input). */
  public static final String TOKENS = "tokens";
  /** IO and S token ids {@code [n, 2]} (an input). */
  public static final String LABELS = "labels";
  /** IO name token id {@code [n]}. */
  public static final String IO = "io";
  /** S name token id {@code [n]}. */
  public static final String S = "s";
  /** Template index into the context's template list {@code [n]}. */
  public static final String TEMPLATE = "template";
  /** Place index into the word list {@code [n]}. */
  public static final String PLACE = "place";
  /** Object index into the word list {@code [n]}. */
  public static final String OBJECT = "object";
  /** Position of IO {@code [n]}. */
  public static final String IO_POS = "io_pos";
  /** Position of S1 {@code [n]}. */
  public static final String S1_POS = "s1_pos";
  /** Position of S2 {@code [n]}. */
  public static final String S2_POS = "s2_pos";
  /** Position of the last prompt token {@code [n]}. */
  public static final String END_POS = "end_pos";

  private final IoiDataset context;
  private final Map<Long, String> namesById = new HashMap<>();

  private IoiScrubData(IoiDataset context) {
    this.context = context;
    IoiWords words = context.words();
    for (String name : words.names()) {
      namesById.put((long) words.tokenId(name), name);
    }
  }

  /** The scrubbing view of {@code ioi}'s prompts (IOI family, no prefixes). */
  public static IoiScrubData of(IoiDataset ioi) {
    if (ioi.family() != PromptFamily.IOI) {
      throw new IoiException(IoiException.Kind.INVALID_METADATA,
          "scrubbing data supports the IOI family only, got " + ioi.family());
    }
    for (PromptMetadata m : ioi.metadata()) {
      if (!m.prefix().isEmpty()) {
        throw new IoiException(IoiException.Kind.INVALID_METADATA,
            "scrubbing data does not support prompt prefixes, got '" + m.prefix() + "'");
      }
    }
    return new IoiScrubData(ioi);
  }

  /** The dataset the prompts, templates, tokenizer and words come from. */
  public IoiDataset context() {
    return context;
  }

  /** The context's prompts as a dataset (width: their longest prompt). */
  public Dataset dataset() {
    return encode(context.metadata(), context.maxLength());
  }

  /** The number of templates prompts can use. */
  public int numTemplates() {
    return context.templates().size();
  }

  /** The order field a prompt on template {@code idx} gets ("ABB" or "BAB"). */
  String orderOf(int templateIdx) {
    return context.templateSet().isAbba(context.templates().get(templateIdx)) ? "ABB" : "BAB";
  }

  /** The names prompts can use. */
  List<String> names() {
    return context.words().names();
  }

  /** The token counts of {@code prompts} encoded in this context. */
  int[] lengths(List<PromptMetadata> prompts) {
    return build(prompts).lengths();
  }

  private IoiDataset build(List<PromptMetadata> prompts) {
    return context.toBuilder().rng(IoiRng.remix()).metadata(prompts).build();
  }

  /** Encodes {@code prompts} padded to {@code width}; throws if one is longer. */
  public Dataset encode(List<PromptMetadata> prompts, int width) {
    IoiDataset ioi = build(prompts);
    int n = ioi.size();
    int[] lengths = ioi.lengths();
    long[][] tokens = new long[n][width];
    for (int i = 0; i < n; i++) {
      if (lengths[i] > width) {
        throw new IoiException(IoiException.Kind.INVALID_VARIANT, "prompt " + i + " ('"
            + ioi.texts().get(i) + "') has " + lengths[i] + " tokens, more than the width "
            + width);
      }
      java.util.Arrays.fill(tokens[i], IoiDataset.PAD_ID);
      int[] t = ioi.tokens(i);
      for (int j = 0; j < t.length; j++) {
        tokens[i][j] = t[j];
      }
    }
    long[] io = longs(ioi.ioTokenIds());
    long[] s = longs(ioi.sTokenIds());
    long[] template = new long[n];
    long[] place = new long[n];
    long[] object = new long[n];
    for (int i = 0; i < n; i++) {
      PromptMetadata m = prompts.get(i);
      template[i] = m.templateIdx();
      place[i] = context.words().places().indexOf(m.place());
      object[i] = context.words().objects().indexOf(m.object());
    }
    List<Array> arrays = new ArrayList<>();
    arrays.add(Array.wrap(Nd4j.createFromArray(tokens), TOKENS));
    arrays.add(Array.wrap(ioi.labels(), LABELS));
    arrays.add(Array.wrap(Nd4j.createFromArray(io), IO));
    arrays.add(Array.wrap(Nd4j.createFromArray(s), S));
    arrays.add(Array.wrap(Nd4j.createFromArray(template), TEMPLATE));
    arrays.add(Array.wrap(Nd4j.createFromArray(place), PLACE));
    arrays.add(Array.wrap(Nd4j.createFromArray(object), OBJECT));
    arrays.add(Array.wrap(Nd4j.createFromArray(longs(ioi.wordIdx("IO"))), IO_POS));
    arrays.add(Array.wrap(Nd4j.createFromArray(longs(ioi.wordIdx("S1"))), S1_POS));
    arrays.add(Array.wrap(Nd4j.createFromArray(longs(ioi.wordIdx("S2"))), S2_POS));
    arrays.add(Array.wrap(Nd4j.createFromArray(longs(ioi.wordIdx("END"))), END_POS));
    return Dataset.of(arrays).withInputNames(Set.of(TOKENS, LABELS));
  }

  /** The prompt metadata of every row of {@code ds} (a dataset made by this object). */
  public List<PromptMetadata> decode(Dataset ds) {
    long[] io = column(ds, IO);
    long[] s = column(ds, S);
    long[] template = column(ds, TEMPLATE);
    long[] place = column(ds, PLACE);
    long[] object = column(ds, OBJECT);
    List<PromptMetadata> out = new ArrayList<>(ds.size());
    for (int i = 0; i < ds.size(); i++) {
      int t = Math.toIntExact(template[i]);
      out.add(PromptMetadata.ioi(name(io[i]), name(s[i]), t,
          context.words().places().get((int) place[i]),
          context.words().objects().get((int) object[i]), orderOf(t)));
    }
    return out;
  }

  /** The width (padded length) of the prompts in {@code ds}. */
  static int width(Dataset ds) {
    return Math.toIntExact(ds.values(TOKENS).size(1));
  }

  private String name(long id) {
    String n = namesById.get(id);
    if (n == null) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY, "token id " + id
          + " is not one of the names");
    }
    return n;
  }

  private static long[] column(Dataset ds, String name) {
    INDArray v = ds.values(name);
    return v.castTo(org.nd4j.linalg.api.buffer.DataType.INT64).toLongVector();
  }

  private static long[] longs(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
