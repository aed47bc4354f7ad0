package dev.circuits.core;

import java.util.UUID;

/** The node types, with rust_circuit's type UUIDs (hashed into every node). */
public enum Kind {
  EINSUM("Einsum", "ed15422c-7c02-40c2-a3c2-e9224514d063"),
  ARRAY("Array", "b2aac9d5-1bfa-4c2a-9684-e3f9ecbc1b94"),
  SYMBOL("Symbol", "13c3ee63-76e9-4afb-8057-40309d17b458"),
  SCALAR("Scalar", "78a77905-8b3f-4471-bb77-255673941fef"),
  ADD("Add", "88fb29e5-c81e-47fe-ae4c-678b22994670"),
  REARRANGE("Rearrange", "13204d30-2f12-4edd-8765-34bc8b458ef2"),
  INDEX("Index", "3c655670-b352-4a5f-891c-0d7160609341"),
  // rust_circuit reuses Index's type UUID for GeneralFunction (a copy-paste quirk kept for hashes).
  GENERAL_FUNCTION("GeneralFunction", "3c655670-b352-4a5f-891c-0d7160609341"),
  CONCAT("Concat", "f2684583-c215-4f67-825e-6e4e51091ca7"),
  SCATTER("Scatter", "50cce6d3-457c-4f52-9a23-1903bdc76533"),
  MODULE("Module", "6825f723-f178-4dab-b568-cd85eb6d2bf3"),
  TAG("Tag", "63fdc4ce-2f1b-40b3-b8b6-13991b54cbd7"),
  DISCRETE_VAR("DiscreteVar", "1bd791cd-8460-496d-8cf5-303baa3cd226"),
  SET_SYMBOLIC_SHAPE("SetSymbolicShape", "25332a58-39d6-443d-b225-65c810a09aa4");

  private final String displayName;
  private final UUID typeUuid;

  Kind(String displayName, String uuid) {
    this.displayName = displayName;
    this.typeUuid = UUID.fromString(uuid);
  }

  /** The variant name as printed in the text format, e.g. {@code Einsum}. */
  public String displayName() {
    return displayName;
  }

  /** The type UUID hashed into each node of this kind. */
  public UUID typeUuid() {
    return typeUuid;
  }

  /** Looks a kind up by its printed name; empty when unknown. */
  public static java.util.Optional<Kind> byDisplayName(String s) {
    for (Kind k : values()) {
      if (k.displayName.equals(s)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
