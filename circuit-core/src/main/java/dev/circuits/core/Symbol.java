package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** A placeholder (free variable) identified by (uuid, name); it cannot be evaluated. */
public final class Symbol extends Circuit {
  /** The nil uuid, printed as a blank. */
  public static final UUID NIL = new UUID(0, 0);
  private final UUID uuid;

  private Symbol(Shape shape, UUID uuid, Naming naming) {
    super(List.of(), shape, naming, () -> null, true, false, true);
    this.uuid = uuid;
  }

  /** A symbol with an explicit uuid. */
  public static Symbol of(Shape shape, UUID uuid, String name) {
    return new Symbol(shape, uuid, Naming.of(name));
  }

  /** A symbol with a fresh random uuid. */
  public static Symbol newWithRandomUuid(Shape shape, String name) {
    return of(shape, UUID.randomUUID(), name);
  }

  /** A symbol with the nil uuid. */
  public static Symbol newWithNoneUuid(Shape shape, String name) {
    return of(shape, NIL, name);
  }

  @Override
  public Kind kind() {
    return Kind.SYMBOL;
  }

  /** The identifying uuid. */
  public UUID uuid() {
    return uuid;
  }

  @Override
  LinkedHashSet<Symbol> computeFreeSymbols() {
    LinkedHashSet<Symbol> s = new LinkedHashSet<>();
    s.add(this);
    return s;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.uuid(uuid);
    for (long d : shape().toArray()) {
      hb.u64(d);
    }
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Symbol(shape(), uuid, naming);
  }
}
