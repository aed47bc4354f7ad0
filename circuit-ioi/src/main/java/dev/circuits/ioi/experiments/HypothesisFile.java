package dev.circuits.ioi.experiments;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.JsonException;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.experiments.HypothesisFileException.Reason;
import dev.circuits.ioi.scrub.IoiSamplers;
import dev.circuits.ioi.scrub.IoiScrubData;
import dev.circuits.scrubbing.CondSampler;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.UncondSampler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A causal-scrubbing hypothesis on the IOI logit difference, read from a small JSON format and
 * turned into a {@link Correspondence} for {@link LogitDiffScrub}.
 *
 * <p>Format: an object with {@code "root"} (a node) and an optional {@code "description"}
 * (string). A node is an object with
 * <ul>
 *   <li>{@code "name"} (string, required, unique in the file);</li>
 *   <li>{@code "cond"}: the node's condition sampler, default {@code "exact"};</li>
 *   <li>{@code "other"}: the sampler of the inputs its children don't cover, default
 *       {@code "uncond"};</li>
 *   <li>{@code "heads"} (non-root nodes only, required, non-empty): heads as {@code "L.H"} or
 *       {@code "aL.hH"}; the node's branch is REMIX's
 *       {@code extend_matcher(heads at position, term_if_matches=True, restrict=True)} from its
 *       parent's branch, i.e. the direct paths from those heads into the parent;</li>
 *   <li>{@code "position"} (non-root nodes only): an aligned word of the prompts such as
 *       {@code "END"} (default), {@code "S2"} or {@code "IO"};</li>
 *   <li>{@code "children"}: an array of nodes.</li>
 * </ul>
 * The root maps to the whole model. Samplers are {@code "exact"} (the reference prompt),
 * {@code "uncond"} (any prompt) or {@code {"onTheFly": "new-io-same-template" |
 * "same-names-other-template" | "same-io"}} ({@link IoiSamplers}). Unknown keys and bad values
 * throw {@link HypothesisFileException} naming the JSON path. Example:
 * <pre>{@code
 * {"root": {"name": "logits", "cond": "exact", "other": "uncond",
 *   "children": [{"name": "NM", "heads": ["3.0", "3.1"], "position": "END", "cond": "exact"}]}}
 * }</pre>
 * {@code HypothesisFile.parse(text).run(LogitDiffScrub.of(w, ds), LabelMode.REFERENCE, 1, ev)}.
 */
public final class HypothesisFile {
  /** A sampler named in the file. */
  public enum Sampler {
    /** {@code "exact"}: {@link ExactSampler}. */
    EXACT("exact"),
    /** {@code "uncond"}: {@link UncondSampler}. */
    UNCOND("uncond"),
    /** {@code {"onTheFly": "new-io-same-template"}}: {@link IoiSamplers#newIoSameTemplate}. */
    NEW_IO_SAME_TEMPLATE("new-io-same-template"),
    /** {@code {"onTheFly": "same-names-other-template"}}. */
    SAME_NAMES_OTHER_TEMPLATE("same-names-other-template"),
    /** {@code {"onTheFly": "same-io"}}: {@link IoiSamplers#sameIo}. */
    SAME_IO("same-io");

    private final String key;

    Sampler(String key) {
      this.key = key;
    }

    /** A fresh sampler over {@code data}. */
    public CondSampler create(IoiScrubData data) {
      return switch (this) {
        case EXACT -> new ExactSampler();
        case UNCOND -> new UncondSampler();
        case NEW_IO_SAME_TEMPLATE -> IoiSamplers.newIoSameTemplate(data);
        case SAME_NAMES_OTHER_TEMPLATE -> IoiSamplers.sameNamesOtherTemplate(data);
        case SAME_IO -> IoiSamplers.sameIo(data);
      };
    }
  }

  /** One node of the hypothesis; {@code path} is its JSON path, heads/position unused at the root. */
  public record Node(String path, String name, Sampler cond, Sampler other,
      List<Head> heads, String position, List<Node> children) {}

  private static final Set<String> TOP_KEYS = Set.of("root", "description");
  private static final Set<String> ROOT_KEYS = Set.of("name", "cond", "other", "children");
  private static final Set<String> NODE_KEYS = Set.of("name", "cond", "other", "children",
      "heads", "position");
  private static final List<Sampler> ON_THE_FLY = List.of(Sampler.NEW_IO_SAME_TEMPLATE,
      Sampler.SAME_NAMES_OTHER_TEMPLATE, Sampler.SAME_IO);

  private final Node root;

  private HypothesisFile(Node root) {
    this.root = root;
  }

  /** Parses and validates a hypothesis file's text. */
  public static HypothesisFile parse(String text) {
    Object doc;
    try {
      doc = Json.parse(text);
    } catch (JsonException e) {
      throw new HypothesisFileException(Reason.NOT_JSON, "$", e.getMessage(), e);
    }
    Map<String, Object> top = object(doc, "$", TOP_KEYS);
    if (top.containsKey("description")) {
      string(top.get("description"), "$.description");
    }
    Object root = require(top, "root", "$");
    return new HypothesisFile(node(root, "$.root", true, new HashSet<>()));
  }

  /** The root node. */
  public Node root() {
    return root;
  }

  /**
   * The correspondence on {@code scrub}'s model and prompts; heads outside the model and
   * positions the prompts don't share throw {@link HypothesisFileException}.
   */
  public Correspondence correspondence(LogitDiffScrub scrub) {
    Correspondence corr = new Correspondence();
    InterpNode r = new InterpNode(root.name(), root.cond().create(scrub.data()),
        root.other().create(scrub.data()));
    IterativeMatcher m = IterativeMatcher.corrRootMatcher();
    corr.add(r, m);
    addChildren(corr, scrub, root, r, m);
    return corr;
  }

  /** Scrubs {@code scrub}'s model under this hypothesis. */
  public LogitDiffScrub.Result run(LogitDiffScrub scrub, LabelMode labels, long seed,
      Evaluator evaluator) {
    return scrub.run(correspondence(scrub), labels, seed, evaluator);
  }

  private static void addChildren(Correspondence corr, LogitDiffScrub scrub, Node spec,
      InterpNode parent, IterativeMatcher parentMatcher) {
    Gpt2Config cfg = scrub.weights().config();
    for (Node c : spec.children()) {
      for (int i = 0; i < c.heads().size(); i++) {
        Head h = c.heads().get(i);
        if (h.layer() >= cfg.nLayer() || h.head() >= cfg.nHead()) {
          throw new HypothesisFileException(Reason.BAD_VALUE, c.path() + ".heads[" + i + "]",
              "head " + h.layer() + "." + h.head() + " is not in the model (" + cfg.nLayer()
                  + " layers, " + cfg.nHead() + " heads)");
        }
      }
      InterpNode child = parent.makeDescendant(c.name(), c.cond().create(scrub.data()),
          c.other().create(scrub.data()));
      IterativeMatcher m = LogitDiffScrub.directPaths(parentMatcher, c.heads(),
          position(scrub.dataset(), c));
      corr.add(child, m);
      addChildren(corr, scrub, c, child, m);
    }
  }

  private static int position(IoiDataset ds, Node c) {
    if (!ds.wordIdxKeys().contains(c.position())) {
      throw new HypothesisFileException(Reason.BAD_VALUE, c.path() + ".position", "'"
          + c.position() + "' is not a word of the prompts; expected one of "
          + new java.util.TreeSet<>(ds.wordIdxKeys()));
    }
    try {
      return ds.alignedPosition(c.position());
    } catch (IoiException e) {
      throw new HypothesisFileException(Reason.BAD_VALUE, c.path() + ".position",
          e.getMessage(), e);
    }
  }

  private static Node node(Object value, String path, boolean isRoot, Set<String> names) {
    Map<String, Object> o = object(value, path, isRoot ? ROOT_KEYS : NODE_KEYS);
    String name = string(require(o, "name", path), path + ".name");
    if (!names.add(name)) {
      throw new HypothesisFileException(Reason.DUPLICATE_NAME, path + ".name",
          "another node is already named '" + name + "'");
    }
    Sampler cond = o.containsKey("cond") ? sampler(o.get("cond"), path + ".cond") : Sampler.EXACT;
    Sampler other = o.containsKey("other") ? sampler(o.get("other"), path + ".other")
        : Sampler.UNCOND;
    List<Head> heads = List.of();
    String position = "END";
    if (!isRoot) {
      heads = heads(require(o, "heads", path), path + ".heads");
      if (o.containsKey("position")) {
        position = string(o.get("position"), path + ".position");
      }
    }
    List<Node> children = new ArrayList<>();
    if (o.containsKey("children")) {
      List<?> list = array(o.get("children"), path + ".children");
      for (int i = 0; i < list.size(); i++) {
        children.add(node(list.get(i), path + ".children[" + i + "]", false, names));
      }
    }
    return new Node(path, name, cond, other, heads, position, List.copyOf(children));
  }

  private static List<Head> heads(Object value, String path) {
    List<?> list = array(value, path);
    if (list.isEmpty()) {
      throw new HypothesisFileException(Reason.BAD_VALUE, path, "needs at least one head");
    }
    List<Head> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String p = path + "[" + i + "]";
      try {
        out.add(PatchSweep.parseHead(string(list.get(i), p)));
      } catch (IllegalArgumentException e) {
        throw new HypothesisFileException(Reason.BAD_VALUE, p, e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static Sampler sampler(Object value, String path) {
    if (value instanceof Map<?, ?>) {
      Map<String, Object> o = object(value, path, Set.of("onTheFly"));
      String kind = string(require(o, "onTheFly", path), path + ".onTheFly");
      for (Sampler s : ON_THE_FLY) {
        if (s.key.equals(kind)) {
          return s;
        }
      }
      throw new HypothesisFileException(Reason.BAD_VALUE, path + ".onTheFly", "'" + kind
          + "' is not an on-the-fly sampler; expected one of "
          + ON_THE_FLY.stream().map(s -> s.key).toList());
    }
    String s = string(value, path);
    if (s.equals(Sampler.EXACT.key)) {
      return Sampler.EXACT;
    }
    if (s.equals(Sampler.UNCOND.key)) {
      return Sampler.UNCOND;
    }
    throw new HypothesisFileException(Reason.BAD_VALUE, path, "'" + s
        + "' is not a sampler; expected \"exact\", \"uncond\" or {\"onTheFly\": ...}");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String path, Set<String> allowed) {
    if (!(value instanceof Map<?, ?>)) {
      throw new HypothesisFileException(Reason.BAD_VALUE, path, "expected an object, got "
          + Json.write(value));
    }
    Map<String, Object> o = (Map<String, Object>) value;
    for (String k : o.keySet()) {
      if (!allowed.contains(k)) {
        throw new HypothesisFileException(Reason.UNKNOWN_KEY, path + "." + k, "unknown key '" + k
            + "'; allowed here: " + new java.util.TreeSet<>(allowed));
      }
    }
    return o;
  }

  private static Object require(Map<String, Object> o, String key, String path) {
    Object v = o.get(key);
    if (v == null) {
      throw new HypothesisFileException(Reason.MISSING_KEY, path + "." + key, "missing key '"
          + key + "'");
    }
    return v;
  }

  private static List<?> array(Object value, String path) {
    if (!(value instanceof List<?> list)) {
      throw new HypothesisFileException(Reason.BAD_VALUE, path, "expected an array, got "
          + Json.write(value));
    }
    return list;
  }

  private static String string(Object value, String path) {
    if (!(value instanceof String s)) {
      throw new HypothesisFileException(Reason.BAD_VALUE, path, "expected a string, got "
          + Json.write(value));
    }
    return s;
  }
}
