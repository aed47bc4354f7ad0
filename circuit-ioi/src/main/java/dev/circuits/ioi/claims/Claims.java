package dev.circuits.ioi.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The claims that {@code circuits ioi claims} can run, in REMIX's order. */
public final class Claims {
  private Claims() {}

  /** Every claim, in order. */
  public static List<Claim> all() {
    return List.of(new Part3Claim(), new Claim2NameMoverKeys(), new Claim3SInhibitionSignal(),
        new Claim4DuplicateDetection(), new Claim5DuplicateInduction(),
        new Claim6BackupNameMovers());
  }

  /** The claims named by {@code spec}: {@code all}, or ids separated by commas ({@code 2,3}). */
  public static List<Claim> select(String spec) {
    if (spec.trim().equalsIgnoreCase("all")) {
      return all();
    }
    List<Claim> out = new ArrayList<>();
    for (String id : spec.split(",")) {
      String want = id.trim();
      Claim found = all().stream().filter(c -> c.id().equals(want)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown claim '" + want
              + "'; expected all or one of " + all().stream().map(Claim::id)
                  .collect(Collectors.joining(", "))));
      // all() builds new instances, so duplicates are recognised by id.
      if (out.stream().noneMatch(c -> c.id().equals(want))) {
        out.add(found);
      }
    }
    return out;
  }
}
