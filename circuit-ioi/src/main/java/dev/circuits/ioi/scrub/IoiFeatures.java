package dev.circuits.ioi.scrub;

import dev.circuits.scrubbing.Feature;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conditions on IOI prompts (for {@link dev.circuits.scrubbing.FuncSampler} and on-the-fly sampling). */
public final class IoiFeatures {
  /** Every token except the one at the IO position (masked as -1): "only IO may differ". */
  public static final Feature TOKENS_EXCEPT_IO = Feature.of("tokens except IO", ds -> {
    INDArray tokens = ds.values(IoiScrubData.TOKENS).castTo(DataType.INT64).dup();
    long[] io = ds.values(IoiScrubData.IO_POS).castTo(DataType.INT64).toLongVector();
    for (int i = 0; i < io.length; i++) {
      tokens.putScalar(new long[] {i, io[i]}, -1);
    }
    return tokens;
  });
  /** The IO and S token ids. */
  public static final Feature NAMES = Feature.array(IoiScrubData.LABELS);
  /** The IO token id. */
  public static final Feature IO = Feature.array(IoiScrubData.IO);
  /** The template index. */
  public static final Feature TEMPLATE = Feature.array(IoiScrubData.TEMPLATE);

  private IoiFeatures() {}
}
