package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.List;
import java.util.UUID;

/** Identity op whose uuid makes otherwise-equal subtrees distinct (used for treeification). */
public final class Tag extends Circuit {
  private final UUID uuid;

  private Tag(Circuit node, UUID uuid, Naming naming) {
    super(List.of(node), node.shape(), naming,
        () -> AutoNames.postfix(Kind.TAG, node, "tag"));
    this.uuid = uuid;
  }

  /** Tags {@code node} with {@code uuid}. */
  public static Tag of(Circuit node, UUID uuid, String name) {
    return new Tag(node, uuid, Naming.of(name));
  }

  /** Tags {@code node} with a fresh random uuid. */
  public static Tag newWithRandomUuid(Circuit node, String name) {
    return of(node, UUID.randomUUID(), name);
  }

  @Override
  public Kind kind() {
    return Kind.TAG;
  }

  /** The tag uuid. */
  public UUID uuid() {
    return uuid;
  }

  /** The tagged node. */
  public Circuit node() {
    return child(0);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.uuid(uuid);
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Tag(newChildren.get(0), uuid, naming);
  }
}
