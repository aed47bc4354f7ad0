package dev.circuits.ioi;

import java.util.Objects;

/**
 * One prompt's metadata, as REMIX's {@code prompts_metadata} dict: the names, the template index, place,
 * object and the {@code order} field ("ABB" or "BAB", set at generation and never updated, as in REMIX).
 * IOI prompts have {@code io} and {@code s}; ABC prompts have {@code io1}, {@code io2} and {@code s}; the
 * other name fields are null. {@code prefix} (not in REMIX; empty there) is text inserted after the
 * leading {@code <|endoftext|>}, used by the prefix variants.
 */
public record PromptMetadata(
    String io, String io1, String io2, String s, int templateIdx, String place, String object, String order,
    String prefix) {

  /** Validates that exactly one family's names are present and nothing else is missing. */
  public PromptMetadata {
    Objects.requireNonNull(s, "S");
    Objects.requireNonNull(place, "[PLACE]");
    Objects.requireNonNull(object, "[OBJECT]");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(prefix, "prefix");
    boolean ioi = io != null && io1 == null && io2 == null;
    boolean abc = io == null && io1 != null && io2 != null;
    if (!ioi && !abc) {
      throw new IoiException(IoiException.Kind.INVALID_METADATA, "prompt metadata must have IO (IOI) or both"
          + " IO1 and IO2 (ABC), not a mix: IO=" + io + ", IO1=" + io1 + ", IO2=" + io2);
    }
    if (templateIdx < 0) {
      throw new IoiException(IoiException.Kind.TEMPLATE_INDEX_OUT_OF_RANGE,
          "TEMPLATE_IDX must be non-negative, got " + templateIdx);
    }
  }

  /** IOI metadata: IO and S (S fills both S1 and S2). */
  public static PromptMetadata ioi(String io, String s, int templateIdx, String place, String object,
      String order) {
    return new PromptMetadata(io, null, null, s, templateIdx, place, object, order, "");
  }

  /** ABC metadata: IO1 (IO slot), IO2 (S1 slot), S (S2 slot). */
  public static PromptMetadata abc(String io1, String io2, String s, int templateIdx, String place,
      String object, String order) {
    return new PromptMetadata(null, io1, io2, s, templateIdx, place, object, order, "");
  }

  /** IOI if IO2 is absent, else ABC (REMIX infers the family the same way). */
  public PromptFamily family() {
    return io2 == null ? PromptFamily.IOI : PromptFamily.ABC;
  }

  /** REMIX's {@code names_are_not_distinct}: IO == S for IOI; any two of IO1, IO2, S equal for ABC. */
  public boolean namesAreNotDistinct() {
    if (family() == PromptFamily.ABC) {
      return io1.equals(io2) || io1.equals(s) || io2.equals(s);
    }
    return io.equals(s);
  }

  /** The name at the IO slot of the template (IO, or IO1 for ABC). */
  public String ioSlotName() {
    return family() == PromptFamily.IOI ? io : io1;
  }

  /** The name at the S1 slot of the template (S, or IO2 for ABC). */
  public String s1SlotName() {
    return family() == PromptFamily.IOI ? s : io2;
  }

  /** The name at the S2 slot of the template (always S). */
  public String s2SlotName() {
    return s;
  }

  /** A copy with another IO (IOI only). */
  public PromptMetadata withIo(String newIo) {
    return new PromptMetadata(newIo, io1, io2, s, templateIdx, place, object, order, prefix);
  }

  /** A copy with another S. */
  public PromptMetadata withS(String newS) {
    return new PromptMetadata(io, io1, io2, newS, templateIdx, place, object, order, prefix);
  }

  /** A copy with another IO1 (ABC only). */
  public PromptMetadata withIo1(String newIo1) {
    return new PromptMetadata(io, newIo1, io2, s, templateIdx, place, object, order, prefix);
  }

  /** A copy with another IO2 (ABC only). */
  public PromptMetadata withIo2(String newIo2) {
    return new PromptMetadata(io, io1, newIo2, s, templateIdx, place, object, order, prefix);
  }

  /** An ABC copy with the given names (IO deleted), other fields kept. */
  public PromptMetadata asAbc(String newIo1, String newIo2, String newS) {
    return new PromptMetadata(null, newIo1, newIo2, newS, templateIdx, place, object, order, prefix);
  }

  /** A copy pointing at another template; the order field is kept as is (REMIX never updates it). */
  public PromptMetadata withTemplateIdx(int newIdx) {
    return new PromptMetadata(io, io1, io2, s, newIdx, place, object, order, prefix);
  }

  /** A copy with another text prefix. */
  public PromptMetadata withPrefix(String newPrefix) {
    return new PromptMetadata(io, io1, io2, s, templateIdx, place, object, order, newPrefix);
  }
}
