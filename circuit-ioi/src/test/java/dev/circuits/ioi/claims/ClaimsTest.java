package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The claims registry and the --claim selection. */
class ClaimsTest {
  private static List<String> ids(List<Claim> claims) {
    return claims.stream().map(Claim::id).toList();
  }

  @Test
  void registryHasUniqueIdsInNumericOrder() {
    List<String> ids = ids(Claims.all());
    assertTrue(ids.contains("1") && ids.contains("6"), ids.toString());
    assertEquals(ids.size(), new HashSet<>(ids).size(), "unique ids " + ids);
    List<Integer> numbers = ids.stream().map(Integer::parseInt).toList();
    assertEquals(numbers.stream().sorted().toList(), numbers, "registered in id order");
  }

  @Test
  void allSelectsEveryClaim() {
    assertEquals(ids(Claims.all()), ids(Claims.select("all")));
    assertEquals(ids(Claims.all()), ids(Claims.select(" ALL ")));
  }

  @Test
  void idsSelectInTheGivenOrderWithoutDuplicates() {
    List<String> all = ids(Claims.all());
    String a = all.get(0);
    String b = all.get(all.size() - 1);
    assertEquals(List.of(a, b), ids(Claims.select(a + "," + b)));
    assertEquals(List.of(b, a), ids(Claims.select(" " + b + " , " + a + "," + b)));
    assertEquals(List.of(b), ids(Claims.select(b)));
  }

  @Test
  void unknownIdNamesTheValidIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Claims.select("1,99"));
    assertTrue(e.getMessage().contains("'99'"), e.getMessage());
    for (String id : ids(Claims.all())) {
      assertTrue(e.getMessage().contains(id), e.getMessage());
    }
    assertTrue(e.getMessage().contains("all"), e.getMessage());
  }
}
