package dev.circuits.ioi.planted;

import dev.circuits.ioi.IoiWords;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a planted model embeds tokens ({@code wte}): the 99 IOI names get {@code isName} = 1 and
 * their identity vector in {@code names}; every other token a seeded random unit, zero-sum vector
 * in {@code words} (drawn for every token, names included, so ids stay stable), except token
 * {@code blank} (none when negative), which gets no identity. The two spans may be the same.
 */
record TokenEmbedding(int isName, Span names, Span words, double[][] nameVectors, long wordSeed,
    int blank) {
  /** {@code wte} [vocab, d_model], every row balanced to sum zero. */
  INDArray table(Residual residual, int vocab) {
    int d = residual.dModel();
    Residual.Table wte = residual.table(vocab);
    Gaussians g = new Gaussians(wordSeed);
    double[] row = new double[d];
    List<String> list = IoiWords.remix().names();
    int[] nameIndex = new int[vocab];
    Arrays.fill(nameIndex, -1);
    for (int i = 0; i < list.size(); i++) {
      nameIndex[IoiWords.remix().tokenId(list.get(i))] = i;
    }
    for (int t = 0; t < vocab; t++) {
      Arrays.fill(row, 0);
      double[] word = g.zeroSumUnit(words.size());
      if (nameIndex[t] >= 0) {
        row[isName] = 1;
        System.arraycopy(nameVectors[nameIndex[t]], 0, row, names.start(), names.size());
      } else if (t != blank) {
        System.arraycopy(word, 0, row, words.start(), words.size());
      }
      residual.putBalanced(row, wte.buffer(), t);
    }
    return wte.array();
  }
}
