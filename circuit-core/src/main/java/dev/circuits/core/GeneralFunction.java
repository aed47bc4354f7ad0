package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;

/** A function node (softmax, gelu, gen_index, cast, user specs) described by a spec. */
public final class GeneralFunction extends Circuit {
  private final GeneralFunctionSpec spec;
  private final GeneralFunctionSpec.ShapeInfo shapeInfo;

  private GeneralFunction(List<Circuit> nodes, GeneralFunctionSpec spec,
      GeneralFunctionSpec.ShapeInfo info, Naming naming) {
    super(nodes, info.shape(), naming, () -> AutoNames.function(spec.fnName(), nodes));
    this.spec = spec;
    this.shapeInfo = info;
  }

  private static GeneralFunctionSpec.ShapeInfo info(List<Circuit> nodes, GeneralFunctionSpec spec,
      String name) {
    try {
      return spec.shapeInfo(nodes.stream().map(Circuit::shape).toList());
    } catch (ConstructException e) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          "GeneralFunction " + (name == null ? "<unnamed>" : "'" + name + "'") + " ("
              + spec.fnName() + ") on " + nodes.stream().map(Circuit::describe).toList() + ": "
              + e.getMessage());
    }
  }

  /** Applies {@code spec} to a list of nodes. */
  public static GeneralFunction of(GeneralFunctionSpec spec, List<Circuit> nodes, String name) {
    return new GeneralFunction(nodes, spec, info(nodes, spec, name), Naming.of(name));
  }

  /** Applies a simple function to one node. */
  public static GeneralFunction of(SimpleFunction f, Circuit node, String name) {
    return of(f, List.of(node), name);
  }

  /** {@code gen_index(x, index, indexDim)} with rust_circuit's defaults (batch the index). */
  public static GeneralFunction genIndex(Circuit x, Circuit index, long indexDim, String name) {
    return of(GenIndexSpec.at(indexDim), List.of(x, index), name);
  }

  @Override
  public Kind kind() {
    return Kind.GENERAL_FUNCTION;
  }

  /** The spec. */
  public GeneralFunctionSpec spec() {
    return spec;
  }

  /** The spec's shape and batching info for the current inputs. */
  public GeneralFunctionSpec.ShapeInfo shapeInfo() {
    return shapeInfo;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.bytes(spec.hashBytes());
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new GeneralFunction(newChildren, spec, info(newChildren, spec, naming.name()), naming);
  }
}
