package dev.circuits.gpt2.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.eval.FloatRowKernels;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowOpsTest {
  @Test
  void permuteKeepingLastEqualsNd4jPermutedCopyOnRandomShapes() {
    Random rng = new Random(7);
    for (int trial = 0; trial < 60; trial++) {
      int rank = 2 + rng.nextInt(5);
      long[] shape = new long[rank];
      for (int i = 0; i < rank; i++) {
        shape[i] = 1 + rng.nextInt(4);
      }
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < rank - 1; i++) {
        axes.add(i);
      }
      Collections.shuffle(axes, rng);
      int[] perm = new int[rank];
      for (int i = 0; i < rank - 1; i++) {
        perm[i] = axes.get(i);
      }
      perm[rank - 1] = rank - 1;
      INDArray x = Nd4j.rand(DataType.FLOAT, shape);
      INDArray expected = x.permute(perm).dup('c');
      INDArray actual = RowOps.permuteKeepingLast(x, perm);
      assertArrayEquals(expected.shape(), actual.shape(), "seed 7 trial " + trial);
      assertEquals(expected, actual, "seed 7 trial " + trial);
    }
  }

  @Test
  void permuteKeepingLastReadsAViewAtItsOffset() {
    INDArray whole = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 5);
    INDArray view = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1));
    assertEquals(view.permute(1, 0, 2).dup('c'), RowOps.permuteKeepingLast(view, 1, 0, 2));
  }

  @Test
  void rowFunctionsMatchTheCircuitsFunctions() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 37, 50).subi(0.5).muli(8);
    INDArray gelu = SimpleFunction.GELU_NEW.evaluate(List.of(x.dup()));
    INDArray softmax = SimpleFunction.SOFTMAX.evaluate(List.of(x.dup()));
    assertEquals(0, maxDiff(gelu, RowOps.activate(x.dup(), false)), 1e-5);
    assertEquals(0, maxDiff(softmax, RowOps.softmax(x.dup())), 1e-6);
    INDArray gain = Nd4j.rand(DataType.FLOAT, 50);
    INDArray bias = Nd4j.rand(DataType.FLOAT, 50);
    INDArray centred = x.subColumnVector(x.mean(1).reshape(37, 1));
    INDArray rstd = centred.mul(centred).mean(1).addi(1e-5).rsub(0).negi();
    INDArray expected = centred.divColumnVector(org.nd4j.linalg.ops.transforms.Transforms
        .sqrt(rstd, false).reshape(37, 1)).muliRowVector(gain).addiRowVector(bias);
    INDArray before = x.dup();
    assertEquals(0, maxDiff(expected, RowOps.layerNorm(x, gain, bias, 1e-5)), 1e-5);
    assertEquals(before, x, "layer norm leaves its input alone");
    System.getLogger("RowOpsTest").log(System.Logger.Level.DEBUG,
        "row kernels available: " + FloatRowKernels.available());
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }
}
