package dev.circuits.core.text;

import dev.circuits.core.Kind;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** A node as read from its defining line, before its children are built. */
final class PartialCircuit {
  final int lineNumber;
  final String lineText;
  final Kind variant;
  final String extra;
  final Shape shape;
  final SortedMap<Integer, String> namedAxes;
  final String name;
  final boolean autonameDisabled;
  final List<Ident> children = new ArrayList<>();
  final List<ModuleArgSpec> moduleArgSpecs = new ArrayList<>();

  PartialCircuit(int lineNumber, String lineText, Kind variant, String extra, ShapeText shape,
      String name, boolean autonameDisabled) {
    this.lineNumber = lineNumber;
    this.lineText = lineText;
    this.variant = variant;
    this.extra = extra == null ? "" : extra;
    this.shape = shape == null ? null : shape.shape();
    this.namedAxes = shape == null ? null : shape.namedAxes();
    this.name = name;
    this.autonameDisabled = autonameDisabled;
  }
}
