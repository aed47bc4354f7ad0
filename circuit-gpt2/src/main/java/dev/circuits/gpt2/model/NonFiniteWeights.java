package dev.circuits.gpt2.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warns, naming the tensor, when loaded weights hold NaN or infinite values (all-NaN logits). */
final class NonFiniteWeights {
  private static final Logger LOG = LoggerFactory.getLogger(NonFiniteWeights.class);

  private NonFiniteWeights() {}

  /** How many entries of {@code a} are NaN or infinite (one native reduction). */
  static long count(INDArray a) {
    if (a.length() == 0 || !a.dataType().isFPType()) {
      return 0;
    }
    return Nd4j.getExecutioner().exec(new MatchCondition(a, Conditions.notFinite())).getLong(0);
  }

  /** Logs a warning when tensor {@code name} of {@code source} is not all finite. */
  static void warnIfAny(String source, String name, INDArray a) {
    long bad = count(a);
    if (bad > 0) {
      LOG.warn("{}: tensor '{}' holds {} NaN or infinite value(s) of {}; the model's outputs "
          + "will be NaN", source, name, bad, a.length());
    }
  }
}
