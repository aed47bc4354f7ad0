package dev.circuits.core;

/**
 * How a Module binds one argument: the spec symbol it replaces, and whether the argument may add
 * leading batch dims ({@code batchable}) or change the symbol's dims ({@code expandable}; only
 * symbolic ones when {@code banNonSymbolicSizeExpand}).
 */
public record ModuleArgSpec(Symbol symbol, boolean batchable, boolean expandable,
    boolean banNonSymbolicSizeExpand) {
  /** The default binding: batchable, expandable, symbolic sizes only. */
  public static ModuleArgSpec of(Symbol symbol) {
    return new ModuleArgSpec(symbol, true, true, true);
  }

  /** rust_circuit's {@code just_name_shape}: like {@link #of} but any size may expand. */
  public static ModuleArgSpec justNameShape(Symbol symbol) {
    return new ModuleArgSpec(symbol, true, true, false);
  }

  /** The flags as printed in the text format ({@code ftt} etc.). */
  public String flagString() {
    return (batchable ? "t" : "f") + (expandable ? "t" : "f")
        + (banNonSymbolicSizeExpand ? "t" : "f");
  }
}
