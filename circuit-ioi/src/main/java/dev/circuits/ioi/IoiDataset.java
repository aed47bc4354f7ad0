package dev.circuits.ioi;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REMIX's {@code IOIDataset}, reproduced exactly: same seed and call order give the same prompts, tokens,
 * labels and word indices. Word indices are per prompt (use {@link #wordIdx(String)}); never assume the
 * positions are aligned across prompts.
 *
 * <p>Example (REMIX Part 3's dataset):
 * <pre>{@code
 * IoiDataset ioi = IoiDataset.builder().n(50).promptType(PromptType.BABA).nbTemplates(1).seed(42).build();
 * IoiDataset flippedIo = ioi.flip(Flip.IO);
 * }</pre>
 *
 * <p>Every construction calls {@link IoiRng#onConstruct} first (REMIX's {@code random.seed(seed)});
 * flips draw from the dataset's {@link IoiRng} and build with seed 42, so their results depend on the
 * order of calls on that context, as in REMIX. Instances are immutable; accessors return copies.
 */
public final class IoiDataset {
  /** REMIX's default seed (also the seed every flip reseeds with). */
  public static final int DEFAULT_SEED = 42;
  /** The padding token (GPT-2's {@code <|endoftext|>}), as REMIX sets {@code pad_token_id}. */
  public static final int PAD_ID = EncodedPrompts.PAD_ID;

  private static final Logger LOG = LoggerFactory.getLogger(IoiDataset.class);

  private final PromptType promptType;
  private final PromptFamily family;
  private final int nbTemplates;
  private final long seed;
  private final TemplateSet templateSet;
  private final ImmutableList<String> templates;
  private final ImmutableList<PromptMetadata> metadata;
  private final EncodedPrompts encoded;
  private final IoiTokenizer tokenizer;
  private final IoiRng rng;
  private final IoiWords words;

  private IoiDataset(Builder b, PromptFamily family, int nbTemplates, List<String> templates,
      List<PromptMetadata> metadata, EncodedPrompts encoded) {
    this.promptType = b.promptType;
    this.family = family;
    this.nbTemplates = nbTemplates;
    this.seed = b.seed;
    this.templateSet = b.templateSet;
    this.templates = ImmutableList.copyOf(templates);
    this.metadata = ImmutableList.copyOf(metadata);
    this.encoded = encoded;
    this.tokenizer = b.tokenizer;
    this.rng = b.rng;
    this.words = b.words;
  }

  /** A builder with REMIX's defaults: mixed, IOI, default nb_templates, seed 42, REMIX templates. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this dataset's options and context (tokenizer, RNG, templates), without metadata. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.n = size();
    b.promptType = promptType;
    b.family = family;
    b.nbTemplates = nbTemplates;
    b.seed = seed;
    b.templateSet = templateSet;
    b.tokenizer = tokenizer;
    b.rng = rng;
    b.words = words;
    return b;
  }

  /** REMIX's {@code gen_flipped_prompts(flip)}: a new dataset with the flipped field redrawn. */
  public IoiDataset flip(Flip flip) {
    return Flips.apply(this, Objects.requireNonNull(flip, "flip"));
  }

  /** {@link #flip(Flip)} with REMIX's spelling ("IO", "S", "S1", "S2", "IO1", "IO2", "order"). */
  public IoiDataset flip(String flip) {
    return flip(Flip.parse(flip));
  }

  /** N, the number of prompts. */
  public int size() {
    return metadata.size();
  }

  /** ABBA, BABA or MIXED. */
  public PromptType promptType() {
    return promptType;
  }

  /** IOI or ABC (inferred from the metadata when it was given). */
  public PromptFamily family() {
    return family;
  }

  /** nb_templates as REMIX records it. */
  public int nbTemplates() {
    return nbTemplates;
  }

  /** The seed this construction reseeded with (42 for flips). */
  public long seed() {
    return seed;
  }

  /** The template set the templates were taken from. */
  public TemplateSet templateSet() {
    return templateSet;
  }

  /** This dataset's template list; {@link PromptMetadata#templateIdx()} indexes into it. */
  public List<String> templates() {
    return templates;
  }

  /** The per-prompt metadata. */
  public List<PromptMetadata> metadata() {
    return metadata;
  }

  /** The prompt texts (REMIX's {@code prompts_text}). */
  public List<String> texts() {
    return encoded.texts;
  }

  /** Per-prompt token strings with the names replaced by their role ({@code {S1}}, {@code {IO}}, ...). */
  public List<List<String>> textTokens() {
    return ImmutableList.copyOf(encoded.textTokens);
  }

  /** The tokens, right-padded with {@link #PAD_ID} to {@link #maxLength()} ({@code prompts_toks}). */
  public int[][] tokens() {
    return encoded.padded();
  }

  /**
   * The model's input: the token ids as int64 {@code [N, maxLength()]}, right-padded with
   * {@link #PAD_ID}. Example: {@code AttentionPatterns.patterns(model, heads, ds.modelTokens(), ev)}.
   */
  public INDArray modelTokens() {
    int[][] t = tokens();
    long[][] ids = new long[t.length][];
    for (int i = 0; i < t.length; i++) {
      ids[i] = java.util.Arrays.stream(t[i]).asLongStream().toArray();
    }
    return Nd4j.createFromArray(ids);
  }

  /**
   * The labels the logit difference reads, int64 {@code [N, 2]}: column 0 is IO's token id,
   * column 1 is S's ({@code logit(IO) - logit(S)}); IOI family only (ABC has no IO: an
   * {@link IoiException}). Example: {@code LogitDiff.bindLabels(ld, ds.labels(), group)}.
   */
  public INDArray labels() {
    int[] io = ioTokenIds();
    int[] s = sTokenIds();
    long[][] out = new long[io.length][];
    for (int i = 0; i < io.length; i++) {
      out[i] = new long[] {io[i], s[i]};
    }
    return Nd4j.createFromArray(out);
  }

  /** Prompt i's tokens, unpadded. */
  public int[] tokens(int i) {
    return encoded.tokens[i].clone();
  }

  /** Per-prompt unpadded lengths. */
  public int[] lengths() {
    return encoded.lengths.clone();
  }

  /** The longest prompt's length (the padded width). */
  public int maxLength() {
    return encoded.maxLength;
  }

  /** The word_idx keys of this family: IO, S1, S2, S1+1, END (IOI) or IO1, IO2, S, IO1+1, END (ABC). */
  public Set<String> wordIdxKeys() {
    return encoded.wordIdx.keySet();
  }

  /** REMIX's {@code word_idx[key]}: the position of that role in each prompt. */
  public int[] wordIdx(String key) {
    int[] idx = encoded.wordIdx.get(key);
    if (idx == null) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY,
          "word_idx has no key '" + key + "' for family " + family + "; expected one of " + wordIdxKeys());
    }
    return idx.clone();
  }

  /** The position of role {@code key} in prompt {@code i}. */
  public int position(String key, int i) {
    return wordIdx(key)[i];
  }

  /** The single position of role {@code key} if it is the same in every prompt, else an exception. */
  public int alignedPosition(String key) {
    int[] idx = wordIdx(key);
    for (int v : idx) {
      if (v != idx[0]) {
        throw new IoiException(IoiException.Kind.UNALIGNED,
            "word_idx '" + key + "' differs across prompts (e.g. " + idx[0] + " and " + v + "); index per prompt");
      }
    }
    return idx[0];
  }

  /** IOI: token ids of IO ({@code io_tokenIDs}). */
  public int[] ioTokenIds() {
    return label("IO");
  }

  /** IOI and ABC: token ids of S ({@code s_tokenIDs}, read at S1 for IOI, at S for ABC). */
  public int[] sTokenIds() {
    return label("S");
  }

  /** ABC: token ids of IO1. */
  public int[] io1TokenIds() {
    return label("IO1");
  }

  /** ABC: token ids of IO2. */
  public int[] io2TokenIds() {
    return label("IO2");
  }

  private int[] label(String key) {
    int[] ids = encoded.labels.get(key);
    if (ids == null) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY,
          "family " + family + " has no " + key + " labels; expected one of " + encoded.labels.keySet());
    }
    return ids.clone();
  }

  /** The RNG context flips draw from. */
  public IoiRng rng() {
    return rng;
  }

  /** The tokenizer prompts were encoded with. */
  public IoiTokenizer tokenizer() {
    return tokenizer;
  }

  /** The word lists names are drawn from. */
  public IoiWords words() {
    return words;
  }

  @Override
  public String toString() {
    return "IoiDataset[N=" + size() + ", " + promptType.remixName() + ", " + family + ", nb_templates="
        + nbTemplates + ", seed=" + seed + ", max_len=" + maxLength() + "]";
  }

  /** Options of an {@link IoiDataset}; {@link #build()} reseeds the RNG context and draws or copies metadata. */
  public static final class Builder {
    private Integer n;
    private PromptType promptType = PromptType.MIXED;
    private PromptFamily family = PromptFamily.IOI;
    private Integer nbTemplates;
    private long seed = DEFAULT_SEED;
    private TemplateSet templateSet;
    private IoiTokenizer tokenizer;
    private IoiRng rng;
    private IoiWords words;
    private List<PromptMetadata> metadata;

    private Builder() {}

    /** N, the number of prompts (must equal the metadata's size when metadata is given). */
    public Builder n(int n) {
      this.n = n;
      return this;
    }

    /** ABBA, BABA or MIXED (default MIXED, as REMIX). */
    public Builder promptType(PromptType type) {
      this.promptType = Objects.requireNonNull(type, "promptType");
      return this;
    }

    /** IOI (default) or ABC; ignored when metadata is given (inferred from it, as REMIX). */
    public Builder family(PromptFamily family) {
      this.family = Objects.requireNonNull(family, "family");
      return this;
    }

    /** nb_templates; default all templates of the set for a pure type, twice that for MIXED. */
    public Builder nbTemplates(int nbTemplates) {
      this.nbTemplates = nbTemplates;
      return this;
    }

    /** The seed the RNG context is reseeded with (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The template set (default {@link TemplateSet#remix()}). */
    public Builder templateSet(TemplateSet templateSet) {
      this.templateSet = Objects.requireNonNull(templateSet, "templateSet");
      return this;
    }

    /** The tokenizer (default GPT-2's, {@link IoiTokenizers#gpt2()}). */
    public Builder tokenizer(IoiTokenizer tokenizer) {
      this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
      return this;
    }

    /** The RNG context (default: a fresh {@link IoiRng#remix()}); share one to model one Python process. */
    public Builder rng(IoiRng rng) {
      this.rng = Objects.requireNonNull(rng, "rng");
      return this;
    }

    /** The word lists names are drawn from (default {@link IoiWords#remix()}). */
    public Builder words(IoiWords words) {
      this.words = Objects.requireNonNull(words, "words");
      return this;
    }

    /** REMIX's {@code manual_metadata}: use these prompts (no draws happen); also sets N to their count. */
    public Builder metadata(List<PromptMetadata> metadata) {
      this.metadata = ImmutableList.copyOf(metadata);
      this.n = this.metadata.size();
      return this;
    }

    /** Builds the dataset: reseed, choose templates, draw or copy metadata, tokenize, index. */
    public IoiDataset build() {
      if (templateSet == null) {
        templateSet = TemplateSet.remix();
      }
      if (tokenizer == null) {
        tokenizer = IoiTokenizers.gpt2();
      }
      if (rng == null) {
        rng = IoiRng.remix();
      }
      if (words == null) {
        words = IoiWords.remix();
      }
      int size = n != null ? n : metadata != null ? metadata.size() : 0;
      if (size <= 0) {
        throw new IoiException(IoiException.Kind.INVALID_SIZE, "N must be positive, got "
            + (n == null && metadata == null ? "none (call n(...))" : size));
      }
      if (metadata != null && metadata.size() != size) {
        throw new IoiException(IoiException.Kind.INVALID_METADATA,
            "N is " + size + " but " + metadata.size() + " metadata entries were given; expected " + size);
      }
      int nb = nbTemplates != null ? nbTemplates : templateSet.defaultCount(promptType);
      List<String> templates = templateSet.select(promptType, nb);
      PromptFamily fam = metadata != null ? inferFamily(metadata) : family;
      if (metadata == null && fam == PromptFamily.ABC) {
        throw new IoiException(IoiException.Kind.INVALID_METADATA, "ABC prompts cannot be generated directly "
            + "(REMIX's generator draws only IO and S); generate IOI and flip S1 or S2, or pass ABC metadata");
      }
      List<PromptMetadata> prompts;
      synchronized (rng) {
        rng.onConstruct(seed, metadata == null);
        prompts = metadata != null ? metadata
            : MetadataGenerator.generate(size, templates, templateSet, words, rng.random());
      }
      for (int i = 0; i < prompts.size(); i++) {
        int idx = prompts.get(i).templateIdx();
        if (idx >= templates.size()) {
          throw new IoiException(IoiException.Kind.TEMPLATE_INDEX_OUT_OF_RANGE, "prompt " + i + " has TEMPLATE_IDX "
              + idx + " but the dataset has " + templates.size() + " templates; expected 0.." + (templates.size() - 1));
        }
      }
      EncodedPrompts encoded = EncodedPrompts.encode(prompts, templates, fam, tokenizer);
      IoiDataset ds = new IoiDataset(this, fam, nb, templates, prompts, encoded);
      LOG.debug("built {}", ds);
      return ds;
    }

    private static PromptFamily inferFamily(List<PromptMetadata> metadata) {
      PromptFamily fam = metadata.get(0).family();
      for (int i = 1; i < metadata.size(); i++) {
        if (metadata.get(i).family() != fam) {
          throw new IoiException(IoiException.Kind.INVALID_METADATA, "metadata mixes families: prompt 0 is " + fam
              + " but prompt " + i + " is " + metadata.get(i).family() + "; expected one family");
        }
      }
      return fam;
    }
  }
}
