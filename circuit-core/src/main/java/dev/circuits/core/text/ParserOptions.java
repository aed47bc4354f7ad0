package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Immutable options for {@link Parser}, mirroring rust_circuit's {@code Parser(...)} arguments.
 * Example: {@code ParserOptions.defaults().withTensorLookup(store::load)}.
 */
public final class ParserOptions {
  private static final ParserOptions DEFAULTS = new ParserOptions();

  private Map<String, Circuit> referenceCircuits = Map.of();
  private boolean tensorsAsRandom;
  private boolean tensorStandIns;
  private long randomSeed;
  private Function<String, Array> tensorLookup;
  private boolean onRepeatCheckInfoSame = true;
  private boolean moduleCheckAllInputsUsed = true;
  private boolean moduleCheckUniqueArgNames;

  private ParserOptions() {}

  private ParserOptions copy() {
    ParserOptions o = new ParserOptions();
    o.referenceCircuits = referenceCircuits;
    o.tensorsAsRandom = tensorsAsRandom;
    o.tensorStandIns = tensorStandIns;
    o.randomSeed = randomSeed;
    o.tensorLookup = tensorLookup;
    o.onRepeatCheckInfoSame = onRepeatCheckInfoSame;
    o.moduleCheckAllInputsUsed = moduleCheckAllInputsUsed;
    o.moduleCheckUniqueArgNames = moduleCheckUniqueArgNames;
    return o;
  }

  /** rust's defaults: check repeats, check module inputs are used, no tensor lookup. */
  public static ParserOptions defaults() {
    return DEFAULTS;
  }

  /** Circuits substituted for lines holding only their identifier. */
  public Map<String, Circuit> referenceCircuits() {
    return referenceCircuits;
  }

  /** These options with reference circuits (identifier to circuit). */
  public ParserOptions withReferenceCircuits(Map<String, Circuit> v) {
    ParserOptions o = copy();
    o.referenceCircuits = Collections.unmodifiableMap(new LinkedHashMap<>(v));
    return o;
  }

  /** Reference circuits identified by their own names (each must be named, names unique). */
  public ParserOptions withReferenceCircuitsByName(List<Circuit> circuits) {
    return withReferenceCircuits(ReferenceCircuits.addByName(referenceCircuits, circuits));
  }

  /** Whether Arrays whose tensor can't be looked up become seeded random tensors. */
  public boolean tensorsAsRandom() {
    return tensorsAsRandom;
  }

  /** The seed of random Arrays ({@code rand} or unresolved with tensorsAsRandom). */
  public long randomSeed() {
    return randomSeed;
  }

  /** These options with random tensors for unresolved Arrays, seeded by {@code seed}. */
  public ParserOptions withTensorsAsRandom(boolean v, long seed) {
    ParserOptions o = copy();
    o.tensorsAsRandom = v;
    o.randomSeed = seed;
    return o;
  }

  /** Whether Arrays whose tensor can't be looked up become zero stand-ins keeping their hash. */
  public boolean tensorStandIns() {
    return tensorStandIns;
  }

  /**
   * These options with tensor stand-ins: an Array whose tensor can't be looked up becomes a
   * float32 zero tensor of the printed shape that takes no memory (one element seen through zero
   * strides) and whose tensor hash is the printed prefix padded with zeros, so a file prints back
   * identically and Arrays with the same prefix stay equal. For structure work (printing,
   * matching, rewriting) on files whose weights are absent or too large; a stand-in's hash does not
   * describe its values, so never save or evaluate one. Takes precedence over random tensors.
   */
  public ParserOptions withTensorStandIns(boolean v) {
    ParserOptions o = copy();
    o.tensorStandIns = v;
    return o;
  }

  /** Resolves a tensor hash prefix to an Array (null when unknown), or null for no lookup. */
  public Function<String, Array> tensorLookup() {
    return tensorLookup;
  }

  /** These options with a tensor lookup, e.g. {@code store::load}. */
  public ParserOptions withTensorLookup(Function<String, Array> v) {
    ParserOptions o = copy();
    o.tensorLookup = v;
    return o;
  }

  /** Whether repeated identifiers must carry the same info as their first line. */
  public boolean onRepeatCheckInfoSame() {
    return onRepeatCheckInfoSame;
  }

  /** These options with {@code onRepeatCheckInfoSame} set. */
  public ParserOptions withOnRepeatCheckInfoSame(boolean v) {
    ParserOptions o = copy();
    o.onRepeatCheckInfoSame = v;
    return o;
  }

  /** Whether module specs must use every bound symbol. */
  public boolean moduleCheckAllInputsUsed() {
    return moduleCheckAllInputsUsed;
  }

  /** These options with {@code moduleCheckAllInputsUsed} set. */
  public ParserOptions withModuleCheckAllInputsUsed(boolean v) {
    ParserOptions o = copy();
    o.moduleCheckAllInputsUsed = v;
    return o;
  }

  /** Whether module arg symbols must have unique names. */
  public boolean moduleCheckUniqueArgNames() {
    return moduleCheckUniqueArgNames;
  }

  /** These options with {@code moduleCheckUniqueArgNames} set. */
  public ParserOptions withModuleCheckUniqueArgNames(boolean v) {
    ParserOptions o = copy();
    o.moduleCheckUniqueArgNames = v;
    return o;
  }
}
