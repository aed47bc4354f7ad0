package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeded random-token batches and the vocabulary they draw from. */
class RepeatedTokensTest {
  private static final RepeatVocabulary SMALL = new RepeatVocabulary("ten", new int[] {
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19});

  @Test
  void vocabularyIsTheNamesOnThePlantedArchitectureOnly() {
    RepeatVocabulary planted = RepeatVocabulary.forModel(PlantedIoiModel.config());
    assertEquals(99, planted.size());
    RepeatVocabulary gpt2 = RepeatVocabulary.forModel(Gpt2Config.small());
    assertEquals(50256, gpt2.size());
    assertTrue(Arrays.stream(gpt2.ids()).noneMatch(t -> t == RepeatVocabulary.END_OF_TEXT));
  }

  @Test
  void twiceRepeatsDistinctTokensAfterTheStartToken() {
    for (long seed = 0; seed < 20; seed++) {
      int[][] rows = RepeatedTokens.twice(SMALL, 3, 6, seed);
      for (int[] row : rows) {
        assertEquals(13, row.length);
        assertEquals(RepeatVocabulary.END_OF_TEXT, row[0]);
        int[] first = Arrays.copyOfRange(row, 1, 7);
        assertArrayEquals(first, Arrays.copyOfRange(row, 7, 13));
        assertEquals(6, Arrays.stream(first).distinct().count());
        assertTrue(Arrays.stream(first).allMatch(t -> t >= 10 && t <= 19));
      }
      assertArrayEquals(rows[0], RepeatedTokens.twice(SMALL, 3, 6, seed)[0], "seeded");
    }
  }

  @Test
  void duplicatedOnceRepeatsExactlyOneTokenAtTheGivenDistance() {
    for (long seed = 0; seed < 20; seed++) {
      for (int token : new int[] {-1, 42}) {
        int[][] rows = RepeatedTokens.duplicatedOnce(SMALL, 4, 9, 2, 5, token, seed);
        for (int[] row : rows) {
          assertEquals(9, row.length);
          assertEquals(row[2], row[7]);
          if (token >= 0) {
            assertEquals(token, row[2]);
          }
          Set<Integer> seen = new HashSet<>();
          for (int p = 1; p < row.length; p++) {
            assertTrue(seen.add(row[p]) || p == 7, "only position 7 repeats: " + Arrays.toString(row));
          }
        }
      }
    }
  }

  @Test
  void rejectsImpossibleRequests() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RepeatedTokens.twice(SMALL, 1, 10, 0));
    assertTrue(e.getMessage().contains("10 distinct tokens") && e.getMessage().contains("ten"));
    assertThrows(IllegalArgumentException.class,
        () -> RepeatedTokens.duplicatedOnce(SMALL, 1, 6, 2, 4, -1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new RepeatVocabulary("one", new int[] {3}));
  }
}
