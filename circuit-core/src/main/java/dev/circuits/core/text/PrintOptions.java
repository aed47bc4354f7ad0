package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Immutable options for {@link Printer}, mirroring rust_circuit's {@code PrintOptions}. Start from
 * {@link #defaults()} (bijective: parses back to an equal circuit) and derive with {@code with...}.
 * Example: {@code PrintOptions.defaults().withBijection(false).withArrows(true)}.
 */
public final class PrintOptions {
  private static final PrintOptions DEFAULTS = new PrintOptions();

  private boolean bijection = true;
  private boolean shapeOnlyWhenNecessary = true;
  private boolean forceUseSerialNumbers;
  private boolean arrows;
  private boolean onlyChildBelow;
  private boolean leavesOnTop;
  private boolean commentArgNames;
  private boolean showAllNamedAxes;
  private Integer endDepth;
  private Predicate<Circuit> stopAt;
  private Function<Circuit, Integer> colorer;
  private List<Function<Circuit, String>> commenters = List.of();
  private Map<String, Circuit> referenceCircuits = Map.of();
  private Consumer<Array> tensorSink;
  private Long maxChars;

  private PrintOptions() {}

  private PrintOptions copy() {
    PrintOptions o = new PrintOptions();
    o.bijection = bijection;
    o.shapeOnlyWhenNecessary = shapeOnlyWhenNecessary;
    o.forceUseSerialNumbers = forceUseSerialNumbers;
    o.arrows = arrows;
    o.onlyChildBelow = onlyChildBelow;
    o.leavesOnTop = leavesOnTop;
    o.commentArgNames = commentArgNames;
    o.showAllNamedAxes = showAllNamedAxes;
    o.endDepth = endDepth;
    o.stopAt = stopAt;
    o.colorer = colorer;
    o.commenters = commenters;
    o.referenceCircuits = referenceCircuits;
    o.tensorSink = tensorSink;
    o.maxChars = maxChars;
    return o;
  }

  /** The default, bijective options (rust's {@code PrintOptions()}). */
  public static PrintOptions defaults() {
    return DEFAULTS;
  }

  /** Human-readable debug options: not bijective, shapes always, children cut below {@code endDepth}. */
  public static PrintOptions debugDefault(Integer endDepth) {
    return DEFAULTS.withBijection(false).withShapeOnlyWhenNecessary(false).withEndDepth(endDepth);
  }

  /** Serial numbers for every node (rust's {@code compiler_default}). */
  public static PrintOptions compilerDefault() {
    return DEFAULTS.withForceUseSerialNumbers(true);
  }

  /** Colours each node by its hash (rust's {@code hash_colorer}). */
  public static Function<Circuit, Integer> hashColorer() {
    return Colorers.hash();
  }

  /** Colours every node with one ANSI code. */
  public static Function<Circuit, Integer> fixedColor(int ansiCode) {
    return Colorers.fixed(ansiCode);
  }

  /** Colours nodes by element count (rust's {@code size_colorer}). */
  public static Function<Circuit, Integer> sizeColorer() {
    return Colorers.size();
  }

  /** Comments the element count (red, e.g. {@code 90}, {@code 4M}) of non-Arrays above a threshold. */
  public static Function<Circuit, String> sizeThresholdCommenter(long threshold) {
    return Commenters.sizeThreshold(threshold);
  }

  /** Comments the dtype of nodes that have one (e.g. {@code int8}). */
  public static Function<Circuit, String> dtypeCommenter() {
    return Commenters.dtype(false);
  }

  /** Comments the dtype, on Arrays only when {@code onlyArrays}. */
  public static Function<Circuit, String> dtypeCommenter(boolean onlyArrays) {
    return Commenters.dtype(onlyArrays);
  }

  /** Whether names are quoted and escaped, {@code AD} printed, and tensors sent to the sink. */
  public boolean bijection() {
    return bijection;
  }

  /** These options with {@code bijection} set. */
  public PrintOptions withBijection(boolean v) {
    PrintOptions o = copy();
    o.bijection = v;
    return o;
  }

  /** Whether shapes are printed only where needed (Scalar, Symbol, Array, Index, Scatter). */
  public boolean shapeOnlyWhenNecessary() {
    return shapeOnlyWhenNecessary;
  }

  /** These options with {@code shapeOnlyWhenNecessary} set. */
  public PrintOptions withShapeOnlyWhenNecessary(boolean v) {
    PrintOptions o = copy();
    o.shapeOnlyWhenNecessary = v;
    return o;
  }

  /** Whether every node gets a serial number, even uniquely named ones. */
  public boolean forceUseSerialNumbers() {
    return forceUseSerialNumbers;
  }

  /** These options with {@code forceUseSerialNumbers} set. */
  public PrintOptions withForceUseSerialNumbers(boolean v) {
    PrintOptions o = copy();
    o.forceUseSerialNumbers = v;
    return o;
  }

  /** Whether the tree is drawn with {@code ├‣ └‣ │}. */
  public boolean arrows() {
    return arrows;
  }

  /** These options with {@code arrows} set. */
  public PrintOptions withArrows(boolean v) {
    PrintOptions o = copy();
    o.arrows = v;
    return o;
  }

  /** Whether an only child is printed below a {@code ▼} line at the same indentation. */
  public boolean onlyChildBelow() {
    return onlyChildBelow;
  }

  /** These options with {@code onlyChildBelow} set. */
  public PrintOptions withOnlyChildBelow(boolean v) {
    PrintOptions o = copy();
    o.onlyChildBelow = v;
    return o;
  }

  /** Whether lines are reversed so leaves come first (not bijective). */
  public boolean leavesOnTop() {
    return leavesOnTop;
  }

  /** These options with {@code leavesOnTop} set. */
  public PrintOptions withLeavesOnTop(boolean v) {
    PrintOptions o = copy();
    o.leavesOnTop = v;
    return o;
  }

  /** Whether children get comments naming their role (einsum axes, {@code Spec}, ...). */
  public boolean commentArgNames() {
    return commentArgNames;
  }

  /** These options with {@code commentArgNames} set. */
  public PrintOptions withCommentArgNames(boolean v) {
    PrintOptions o = copy();
    o.commentArgNames = v;
    return o;
  }

  /** Whether shapes are also printed for every node that has named axes. */
  public boolean showAllNamedAxes() {
    return showAllNamedAxes;
  }

  /** These options with {@code showAllNamedAxes} set. */
  public PrintOptions withShowAllNamedAxes(boolean v) {
    PrintOptions o = copy();
    o.showAllNamedAxes = v;
    return o;
  }

  /** Nodes at this depth (root = 0) or deeper are not printed; null prints everything. */
  public Integer endDepth() {
    return endDepth;
  }

  /** These options with a traversal cut at {@code endDepth} (null: none; needs bijection off). */
  public PrintOptions withEndDepth(Integer v) {
    if (v != null && v < 1) {
      throw new IllegalArgumentException("endDepth must be at least 1, got " + v);
    }
    PrintOptions o = copy();
    o.endDepth = v;
    return o;
  }

  /** Nodes for which this holds are printed without their children ({@code  ...}); null: none. */
  public Predicate<Circuit> stopAt() {
    return stopAt;
  }

  /**
   * These options with a traversal cut below nodes matching {@code v} (rust's
   * {@code restrict(traversal, term_early_at=...)}; null: none; needs bijection off).
   */
  public PrintOptions withStopAt(Predicate<Circuit> v) {
    PrintOptions o = copy();
    o.stopAt = v;
    return o;
  }

  /** The colorer (node to ANSI colour code or null), or null for no colour. */
  public Function<Circuit, Integer> colorer() {
    return colorer;
  }

  /** These options with a colorer (null: none). */
  public PrintOptions withColorer(Function<Circuit, Integer> v) {
    PrintOptions o = copy();
    o.colorer = v;
    return o;
  }

  /** Functions whose non-empty results are appended to each line as {@code  # ...}. */
  public List<Function<Circuit, String>> commenters() {
    return commenters;
  }

  /** These options with the given commenters. */
  @SafeVarargs
  public final PrintOptions withCommenters(Function<Circuit, String>... v) {
    return withCommenters(List.of(v));
  }

  /** These options with the given commenters. */
  public PrintOptions withCommenters(List<Function<Circuit, String>> v) {
    PrintOptions o = copy();
    o.commenters = List.copyOf(v);
    return o;
  }

  /** Circuits printed as just their identifier (identifier to circuit). */
  public Map<String, Circuit> referenceCircuits() {
    return referenceCircuits;
  }

  /** These options with reference circuits (identifier to circuit; circuits must be distinct). */
  public PrintOptions withReferenceCircuits(Map<String, Circuit> v) {
    Map<String, Circuit> m = new LinkedHashMap<>();
    java.util.Set<Circuit> seen = new java.util.HashSet<>();
    for (Map.Entry<String, Circuit> e : v.entrySet()) {
      if (!seen.add(Objects.requireNonNull(e.getValue(), e.getKey()))) {
        throw new IllegalArgumentException("reference circuit " + e.getValue()
            + " is given under two identifiers (one is '" + e.getKey() + "')");
      }
      m.put(e.getKey(), e.getValue());
    }
    PrintOptions o = copy();
    o.referenceCircuits = Collections.unmodifiableMap(m);
    return o;
  }

  /** Reference circuits identified by their own names (each must be named). */
  public PrintOptions withReferenceCircuitsByName(List<Circuit> circuits) {
    return withReferenceCircuits(ReferenceCircuits.addByName(referenceCircuits, circuits));
  }

  /** Receives every Array (and index tensor, as an Array) of a bijective print, or null. */
  public Consumer<Array> tensorSink() {
    return tensorSink;
  }

  /** These options with a tensor sink, e.g. {@code store::save}. */
  public PrintOptions withTensorSink(Consumer<Array> v) {
    PrintOptions o = copy();
    o.tensorSink = v;
    return o;
  }

  /**
   * The most characters a print may produce, or null for what the heap can hold (an eighth of
   * the free heap); beyond it the printer throws a CircuitException instead of running out of
   * memory (a circuit D levels deep prints about D*D characters of indentation).
   */
  public Long maxChars() {
    return maxChars;
  }

  /** These options with a character limit (null: what the heap can hold). */
  public PrintOptions withMaxChars(Long v) {
    PrintOptions o = copy();
    o.maxChars = v;
    return o;
  }

  /** Throws {@link IllegalArgumentException} when the options contradict each other. */
  public void validate() {
    List<String> problems = new ArrayList<>();
    if (bijection && leavesOnTop) {
      problems.add("a bijective print can't have leaves on top");
    }
    if (bijection && endDepth != null) {
      problems.add("a bijective print can't end early, so endDepth must be null");
    }
    if (bijection && stopAt != null) {
      problems.add("a bijective print can't end early, so stopAt must be null");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid PrintOptions: " + String.join("; ", problems));
    }
  }
}
