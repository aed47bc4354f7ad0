package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.Symbol;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.TensorIndex;
import java.util.function.Consumer;

/** The part of a line after the identifier: {@code  AD [shape] Variant extra}. */
final class LineFormat {
  private LineFormat() {}

  /** rust's {@code repr_line_info}: AD flag, shape when needed, variant and per-variant extra. */
  static String lineInfo(PrintOptions o, Circuit c) {
    StringBuilder sb = new StringBuilder();
    if (o.bijection() && !c.useAutoname()) {
      sb.append(" AD");
    }
    if (!o.shapeOnlyWhenNecessary() || shapeAlwaysPrinted(c)
        || (o.showAllNamedAxes() && !c.namedAxes().isEmpty())) {
      sb.append(' ').append(shape(c));
    }
    sb.append(' ').append(c.kind().displayName()).append(' ').append(extra(o, c));
    String s = sb.toString();
    for (int i = 0; i < 2 && s.endsWith(" "); i++) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static boolean shapeAlwaysPrinted(Circuit c) {
    switch (c.kind()) {
      case SCALAR:
      case SCATTER:
      case SYMBOL:
      case ARRAY:
      case INDEX:
      case SET_SYMBOLIC_SHAPE:
        return true;
      default:
        return false;
    }
  }

  /** The shape with named axes and symbolic sizes, e.g. {@code [large:3,2*1s]}. */
  static String shape(Circuit c) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < c.rank(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String axis = c.namedAxes().get(i);
      if (axis != null) {
        sb.append(axis).append(':');
      }
      sb.append(SymbolicSizes.format(c.shape().get(i)));
    }
    return sb.append(']').toString();
  }

  /** The per-variant payload (rust's {@code repr_extra_info}). */
  static String extra(PrintOptions o, Circuit c) {
    switch (c.kind()) {
      case SCALAR:
        return ScalarFormat.format(((Scalar) c).value());
      case REARRANGE:
        return FancyAxes.rearrange((Rearrange) c);
      case EINSUM:
        return FancyAxes.einsum((Einsum) c);
      case INDEX:
        return index(o, ((Index) c).index());
      case SCATTER:
        return index(o, ((Scatter) c).index());
      case CONCAT:
        return Integer.toString(((Concat) c).axis());
      case GENERAL_FUNCTION:
        return ((GeneralFunction) c).spec().serializedName();
      case SYMBOL:
        Symbol sym = (Symbol) c;
        return sym.uuid().equals(Symbol.NIL) ? "" : sym.uuid().toString();
      case ARRAY:
        if (!o.bijection()) {
          return "";
        }
        Array a = (Array) c;
        sink(o, a);
        return a.tensorHashHex().substring(0, 24);
      case TAG:
        return ((Tag) c).uuid().toString();
      default:
        return "";
    }
  }

  private static String index(PrintOptions o, TensorIndex index) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < index.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      TensorIndex.Axis axis = index.axes().get(i);
      if (axis instanceof TensorIndex.Tensor t) {
        if (o.bijection()) {
          sink(o, Array.wrapWithHash(t.values(), t.hash(), null));
          sb.append(t);
        } else {
          sb.append('[').append(t.length()).append(']');
        }
      } else {
        sb.append(axis);
      }
    }
    return sb.append(']').toString();
  }

  private static void sink(PrintOptions o, Array a) {
    Consumer<Array> s = o.tensorSink();
    if (s != null) {
      s.accept(a);
    }
  }
}
