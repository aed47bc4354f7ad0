package dev.circuits.gpt2.model;

import java.util.Optional;

/**
 * Which input of a receiving attention head a path enters through: its query, key or value
 * projection ({@code a.q}, {@code a.k}, {@code a.v} inside the head), or all of them.
 */
public enum Channel {
  /** Every input of the receiver (for the root or an MLP: everything). */
  ALL(null),
  /** The receiver head's query projection {@code a.q}. */
  Q("a.q"),
  /** The receiver head's key projection {@code a.k}. */
  K("a.k"),
  /** The receiver head's value projection {@code a.v}. */
  V("a.v");

  private final String nodeName;

  Channel(String nodeName) {
    this.nodeName = nodeName;
  }

  /** The projection node's name inside a head ({@code a.q}, ...); empty for {@link #ALL}. */
  public Optional<String> nodeName() {
    return Optional.ofNullable(nodeName);
  }

  /** The channel named {@code all}, {@code q}, {@code k} or {@code v} (any case). */
  public static Channel parse(String name) {
    for (Channel c : values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown channel '" + name + "'; expected all, q, k or v");
  }

  /** The channel for REMIX's {@code qkv} argument: null, "q", "k" or "v". */
  public static Channel fromQkv(String qkv) {
    if (qkv == null) {
      return ALL;
    }
    return switch (qkv) {
      case "q" -> Q;
      case "k" -> K;
      case "v" -> V;
      default -> throw new IllegalArgumentException("qkv must be null, \"q\", \"k\" or \"v\", got \""
          + qkv + "\"");
    };
  }
}
