package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An immutable node of a computation graph. Every node caches its shape, flags, free symbols and a
 * rust_circuit-compatible structural hash (which includes the name); equality is hash equality.
 */
public abstract sealed class Circuit
    permits Array, Scalar, Symbol, Einsum, Add, Rearrange, Index, GeneralFunction, Concat, Scatter,
        Module, Tag, DiscreteVar, SetSymbolicShape {

  private static final UUID NAME_UUID = UUID.fromString("025e9af4-1366-4211-aa5f-7c28fc6cdf9f");
  private static final UUID NAMED_AXIS_UUID =
      UUID.fromString("db6b1967-35f7-4571-a69c-82ba3340215d");

  private final List<Circuit> children;
  private final Shape shape;
  private final String name;
  private final boolean useAutoname;
  private final SortedMap<Integer, String> namedAxes;
  private final boolean constant;
  private final boolean explicitlyComputable;
  private final boolean canBeSampled;
  private volatile byte[] hash;
  private volatile Set<Symbol> freeSymbols;

  /** Naming parameters a node is built with: name (null: auto-name), auto-name flag, named axes. */
  public record Naming(String name, boolean useAutoname, boolean autoNameIfNull,
      SortedMap<Integer, String> namedAxes) {
    /** Plain naming: this name (or auto-naming when null). */
    public static Naming of(String name) {
      return new Naming(name, true, true, Collections.emptySortedMap());
    }

    /** Naming that keeps the name exactly as given, never auto-naming. */
    public static Naming exact(String name, boolean useAutoname, SortedMap<Integer, String> axes) {
      return new Naming(name, useAutoname, false, axes);
    }
  }

  Circuit(List<Circuit> children, Shape shape, Naming naming, Supplier<String> autoName) {
    this(children, shape, naming, autoName, true, true, true);
  }

  Circuit(List<Circuit> children, Shape shape, Naming naming, Supplier<String> autoName,
      boolean constant, boolean explicitlyComputable, boolean canBeSampled) {
    this(children, shape, naming, autoName, constant, explicitlyComputable, canBeSampled, children);
  }

  Circuit(List<Circuit> children, Shape shape, Naming naming, Supplier<String> autoName,
      boolean constant, boolean explicitlyComputable, boolean canBeSampled,
      List<Circuit> flagSources) {
    this.children = List.copyOf(children);
    this.shape = shape;
    boolean allConstant = constant;
    boolean allComputable = explicitlyComputable;
    boolean allSampleable = canBeSampled;
    for (Circuit c : flagSources) {
      allConstant &= c.constant;
      allComputable &= c.explicitlyComputable;
      allSampleable &= c.canBeSampled;
    }
    this.constant = allConstant;
    this.explicitlyComputable = allComputable;
    this.canBeSampled = allSampleable;
    this.useAutoname = naming.useAutoname();
    String n = naming.name();
    if (n == null && naming.autoNameIfNull() && naming.useAutoname()) {
      n = autoName.get();
    }
    this.name = n;
    SortedMap<Integer, String> axes = new TreeMap<>(naming.namedAxes());
    for (Map.Entry<Integer, String> e : axes.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= shape.rank()) {
        throw new ConstructException(ConstructException.Rule.NAMED_AXIS_INVALID,
            "named axis " + e.getKey() + " ('" + e.getValue() + "') is not below rank "
                + shape.rank() + " of " + kind().displayName() + " '" + n + "' " + shape);
      }
      NamedAxes.validate(e.getValue());
    }
    this.namedAxes = Collections.unmodifiableSortedMap(axes);
  }

  /** The node type. */
  public abstract Kind kind();

  /** The children, in order. */
  public final List<Circuit> children() {
    return children;
  }

  /** Child {@code i}. */
  public final Circuit child(int i) {
    return children.get(i);
  }

  /** Number of children. */
  public final int numChildren() {
    return children.size();
  }

  /** The shape. */
  public final Shape shape() {
    return shape;
  }

  /** Rank of the shape. */
  public final int rank() {
    return shape.rank();
  }

  /** The name, or null when unnamed. */
  public final String name() {
    return name;
  }

  /** The name as an Optional. */
  public final Optional<String> nameOpt() {
    return Optional.ofNullable(name);
  }

  /** Whether the name is set. */
  public final boolean isNamed() {
    return name != null;
  }

  /** Whether auto-naming is enabled (printed as {@code AD} when disabled). */
  public final boolean useAutoname() {
    return useAutoname;
  }

  /** Named axes (axis index to name). */
  public final SortedMap<Integer, String> namedAxes() {
    return namedAxes;
  }

  /** True when no DiscreteVar remains below (the value does not depend on sampling). */
  public final boolean isConstant() {
    return constant;
  }

  /** True when no Symbol remains below (outside module specs), so the circuit can be evaluated. */
  public final boolean isExplicitlyComputable() {
    return explicitlyComputable;
  }

  /** True when every node below can be sampled. */
  public final boolean canBeSampled() {
    return canBeSampled;
  }

  /** The free symbols (not bound by an enclosing module), in first-seen order. */
  public final Set<Symbol> freeSymbols() {
    Set<Symbol> fs = freeSymbols;
    if (fs == null) {
      // Children first, iteratively, so deep circuits cannot overflow the stack.
      Traversals.bottomUp(this, Circuit::hasFreeSymbols, Circuit::storeFreeSymbols);
      fs = freeSymbols;
    }
    return fs;
  }

  final boolean hasFreeSymbols() {
    return freeSymbols != null;
  }

  /** Computes and stores this node's free symbols; its children's must already be stored. */
  final void storeFreeSymbols() {
    if (freeSymbols == null) {
      freeSymbols = Collections.unmodifiableSet(computeFreeSymbols());
    }
  }

  LinkedHashSet<Symbol> computeFreeSymbols() {
    LinkedHashSet<Symbol> out = new LinkedHashSet<>();
    for (Circuit c : children) {
      out.addAll(c.freeSymbols());
    }
    return out;
  }

  /** The 32-byte structural hash (bit-compatible with rust_circuit). */
  public final byte[] hash() {
    return rawHash().clone();
  }

  final byte[] rawHash() {
    byte[] h = hash;
    if (h == null) {
      // Hash unhashed descendants bottom-up first, so deep circuits cannot overflow the stack.
      Traversals.bottomUp(this, Circuit::hasHash, Circuit::storeHash);
      h = hash;
    }
    return h;
  }

  final boolean hasHash() {
    return hash != null;
  }

  /** Computes and stores this node's hash; its children must already be hashed. */
  final void storeHash() {
    if (hash == null) {
      hash = computeHash();
    }
  }

  /** The hash as lowercase hex. */
  public final String hashHex() {
    return HexFormat.of().formatHex(rawHash());
  }

  private byte[] computeHash() {
    HashBuilder hb = new HashBuilder();
    hashNodeAndChildren(hb);
    hb.uuid(kind().typeUuid());
    hb.bool(name != null);
    if (name != null) {
      hb.utf8(name);
    }
    hb.uuid(NAME_UUID);
    hb.bool(useAutoname);
    for (Map.Entry<Integer, String> e : namedAxes.entrySet()) {
      hb.u8(e.getKey()).utf8(e.getValue()).uuid(NAMED_AXIS_UUID);
    }
    return hb.digest();
  }

  /** Feeds node-specific bytes and then the children's hashes (Einsum interleaves them). */
  void hashNodeAndChildren(HashBuilder hb) {
    hashNodeBytes(hb);
    for (Circuit c : children) {
      hb.bytes(c.rawHash());
    }
  }

  /** Feeds the node-specific bytes that precede the children's hashes. */
  abstract void hashNodeBytes(HashBuilder hb);

  /** Rebuilds this node with new children and naming; validates again. */
  abstract Circuit rebuild(List<Circuit> newChildren, Naming naming);

  /** The same node with other children (same name, re-validated). */
  public final Circuit withChildren(List<Circuit> newChildren) {
    if (newChildren.size() != children.size()) {
      throw new ConstructException(ConstructException.Rule.MODULE_WRONG_NUM_ARGS,
          describe() + " has " + children.size() + " children, got " + newChildren.size());
    }
    boolean same = true;
    for (int i = 0; i < newChildren.size() && same; i++) {
      same = newChildren.get(i) == children.get(i);
    }
    if (same) {
      return this;
    }
    return rebuild(newChildren, Naming.exact(name, useAutoname, namedAxes));
  }

  /** The same node renamed; {@code null} strips the name without auto-naming. */
  public final Circuit rename(String newName) {
    if (Objects.equals(newName, name)) {
      return this;
    }
    return rebuild(children, Naming.exact(newName, useAutoname, namedAxes));
  }

  /** The same node with auto-naming disabled ({@code AD}). */
  public final Circuit withAutonameDisabled() {
    if (!useAutoname) {
      return this;
    }
    return rebuild(children, Naming.exact(name, false, namedAxes));
  }

  /** The same node with auto-naming set as given. */
  public final Circuit withUseAutoname(boolean use) {
    if (use == useAutoname) {
      return this;
    }
    return rebuild(children, Naming.exact(name, use, namedAxes));
  }

  /** The same node with these named axes (replacing any previous ones). */
  public final Circuit withNamedAxes(Map<Integer, String> axes) {
    if (axes.equals(namedAxes)) {
      return this;
    }
    return rebuild(children, Naming.exact(name, useAutoname, new TreeMap<>(axes)));
  }

  /** A short description for error messages: name, type and shape. */
  public final String describe() {
    return (name == null ? "<unnamed>" : "'" + name + "'") + " " + kind().displayName() + " " + shape;
  }

  /** All nodes reachable from this one, each once, children before parents. */
  public final List<Circuit> postOrder() {
    List<Circuit> out = new ArrayList<>();
    Set<HashKey> seen = new java.util.HashSet<>();
    Traversals.postOrder(this, seen, out);
    return out;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof Circuit c
        && (c == this || java.util.Arrays.equals(c.rawHash(), rawHash()));
  }

  @Override
  public final int hashCode() {
    byte[] h = rawHash();
    return (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16 | (h[3] & 0xff) << 24;
  }

  /** A one-line debug form: name, type, shape and hash prefix. */
  @Override
  public String toString() {
    return "<" + describe() + " " + hashHex().substring(0, 12) + ">";
  }

  // ---- sugar -----------------------------------------------------------------------------------

  /** {@code this + other} (broadcasting Add). */
  public final Add add(Circuit other) {
    return Add.of(this, other);
  }

  /** {@code this - other} as {@code this + (-1 * other)}, with rust_circuit's names. */
  public final Add sub(Circuit other) {
    Scalar neg = Scalar.of(-1.0, Shape.scalar(), "neg_1");
    String negName = other.name() == null ? null : "neg " + other.name();
    return Add.of(List.of(this, Einsum.scalarMul(other, neg, negName)), null);
  }

  /** Elementwise product with broadcasting, as an Einsum. */
  public final Einsum mul(Circuit other) {
    return Einsum.elementwiseBroadcasted(List.of(this, other), null);
  }

  /** Multiplies by a scalar constant. */
  public final Einsum mulScalar(double v) {
    return Einsum.scalarMul(this, Scalar.of(v, Shape.scalar(), null), null);
  }

  /** Sum over the given axes (all axes when none are given). */
  public final Einsum sum(int... axes) {
    return Einsum.sumOver(this, axes, null);
  }

  /** Rearrange with an einops-style spec string, e.g. {@code "a b -> b a"}. */
  public final Rearrange rearrange(String spec) {
    return Rearrange.of(this, dev.circuits.core.spec.RearrangeSpec.parse(spec), null);
  }

  /** Inserts a size-1 axis at position {@code axis}. */
  public final Rearrange unsqueeze(int axis) {
    return Rearrange.of(this, dev.circuits.core.spec.RearrangeSpec.unsqueeze(rank(), axis), null);
  }

  /** Einsum from a string such as {@code "ab,bc->ac"} over this node and {@code others}. */
  public final Einsum einsum(String spec, Circuit... others) {
    Circuit[] all = new Circuit[others.length + 1];
    all[0] = this;
    System.arraycopy(others, 0, all, 1, others.length);
    return Einsum.fromString(spec, List.of(all), null);
  }

  /** Dimwise index. */
  public final Index index(dev.circuits.core.spec.TensorIndex idx) {
    return Index.of(this, idx, null);
  }
}
