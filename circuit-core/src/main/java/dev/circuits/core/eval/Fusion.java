package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import java.util.BitSet;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A connected group of nodes one kernel computes at once, as a rule found it: the value of
 * {@code root} from the values of {@code inputs}. The other {@code members} are never
 * materialised, so a run fuses the group only when nothing outside it reads them ({@link Fusions}).
 * Children of members that are neither members nor inputs (e.g. Scalars the kernel reads from the
 * circuit) are still computed as usual.
 */
record Fusion(Circuit root, List<Circuit> members, List<Circuit> inputs, Kernel kernel) {
  /** Computes the root's value from the inputs' values (never mutating them). */
  interface Kernel {
    /** Inputs in {@code donated} may be overwritten (nothing outside the group reads them). */
    Value compute(List<Value> inputs, BitSet donated, DataType floatType);
  }

  /** Finds fusions rooted at a node, or returns null. */
  interface Rule {
    Fusion match(Circuit root, DataType floatType);
  }
}
