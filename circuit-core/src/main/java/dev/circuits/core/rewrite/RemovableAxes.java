package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Axes a node merely broadcasts (every axis of a Scalar, repeat axes of a Rearrange). */
final class RemovableAxes {
  private RemovableAxes() {}

  /** rust's {@code get_removable_axes}. */
  static Set<Integer> of(Circuit c) {
    if (c instanceof Scalar) {
      Set<Integer> all = new HashSet<>();
      for (int i = 0; i < c.rank(); i++) {
        all.add(i);
      }
      return all;
    }
    if (c instanceof Rearrange r) {
      return RearrangeSpecs.outBroadcastAxes(r.spec());
    }
    return Set.of();
  }

  /** {@code c} without the given removable axes (rust's {@code remove_axes_weak}). */
  static Circuit removeWeak(Circuit c, Set<Integer> axes) {
    if (axes.isEmpty()) {
      return c;
    }
    String name = Names.suffixed(c.name(), "_rem_ax");
    if (c instanceof Scalar s) {
      List<Long> dims = new ArrayList<>();
      for (int i = 0; i < s.rank(); i++) {
        if (!axes.contains(i)) {
          dims.add(s.shape().get(i));
        }
      }
      return Scalar.of(s.value(), Shape.of(dims), name);
    }
    Rearrange r = (Rearrange) c;
    var spec = RearrangeSpecs.withoutOutputAxes(r.spec(), axes);
    return RearrangeSpecs.isIdentity(spec) ? r.node() : Rearrange.of(r.node(), spec, name);
  }
}
