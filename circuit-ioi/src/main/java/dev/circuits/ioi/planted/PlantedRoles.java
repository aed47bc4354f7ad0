package dev.circuits.ioi.planted;

import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Head;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which heads play which {@link PlantedRole}, as stored under {@code "planted_circuit"} in a
 * planted model's {@code config.json}: {@code {"name_mover": [[3,0],[3,1]], ...}}.
 */
public final class PlantedRoles {
  /** The {@code config.json} key holding the roles. */
  public static final String CONFIG_KEY = "planted_circuit";

  private final Map<PlantedRole, List<Head>> byRole;

  private PlantedRoles(Map<PlantedRole, List<Head>> byRole) {
    EnumMap<PlantedRole, List<Head>> m = new EnumMap<>(PlantedRole.class);
    Map<Head, PlantedRole> seen = new LinkedHashMap<>();
    for (PlantedRole r : PlantedRole.values()) {
      List<Head> heads = List.copyOf(byRole.getOrDefault(r, List.of()));
      for (Head h : heads) {
        PlantedRole before = seen.put(h, r);
        if (before != null) {
          throw new PlantedModelException("head " + h + " is listed as both " + before.key()
              + " and " + r.key() + "; expected one role per head");
        }
      }
      m.put(r, heads);
    }
    this.byRole = Collections.unmodifiableMap(m);
  }

  /** Roles from a map of role to heads (roles left out have no heads). */
  public static PlantedRoles of(Map<PlantedRole, List<Head>> byRole) {
    return new PlantedRoles(byRole);
  }

  /** The heads with role {@code role}, in order (empty if none). */
  public List<Head> heads(PlantedRole role) {
    return byRole.get(role);
  }

  /** The name-mover heads. */
  public List<Head> nameMovers() {
    return heads(PlantedRole.NAME_MOVER);
  }

  /** The negative name-mover heads. */
  public List<Head> negativeNameMovers() {
    return heads(PlantedRole.NEGATIVE_NAME_MOVER);
  }

  /** The backup name-mover heads. */
  public List<Head> backupNameMovers() {
    return heads(PlantedRole.BACKUP_NAME_MOVER);
  }

  /** The S-inhibition heads. */
  public List<Head> sInhibition() {
    return heads(PlantedRole.S_INHIBITION);
  }

  /** The duplicate-token heads. */
  public List<Head> duplicateToken() {
    return heads(PlantedRole.DUPLICATE_TOKEN);
  }

  /** The induction heads. */
  public List<Head> induction() {
    return heads(PlantedRole.INDUCTION);
  }

  /** The decoy heads. */
  public List<Head> decoys() {
    return heads(PlantedRole.DECOY);
  }

  /** Every head that has a role, role by role. */
  public List<Head> all() {
    List<Head> out = new ArrayList<>();
    byRole.values().forEach(out::addAll);
    return out;
  }

  /** The role of {@code head}, if it has one. */
  public Optional<PlantedRole> roleOf(Head head) {
    for (Map.Entry<PlantedRole, List<Head>> e : byRole.entrySet()) {
      if (e.getValue().contains(head)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** The JSON value stored under {@link #CONFIG_KEY}; roles without heads are left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    byRole.forEach((role, heads) -> {
      if (!heads.isEmpty()) {
        m.put(role.key(), heads.stream().map(h -> List.of((long) h.layer(), (long) h.head()))
            .toList());
      }
    });
    return m;
  }

  /** Reads the roles from a model folder's {@code config.json}. */
  public static PlantedRoles read(Path modelDir) {
    Path config = modelDir.resolve(Gpt2Checkpoint.CONFIG);
    String text;
    try {
      text = Files.readString(config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PlantedModelException("cannot read " + config + ": " + e.getMessage(), e);
    }
    Object json = Json.parse(text);
    if (!(json instanceof Map<?, ?> map) || !map.containsKey(CONFIG_KEY)) {
      throw new PlantedModelException(config + ": expected a JSON object with a '" + CONFIG_KEY
          + "' entry (not a planted model?)");
    }
    return fromJson(map.get(CONFIG_KEY), config.toString());
  }

  /** Parses the value stored under {@link #CONFIG_KEY} ({@code source} names it in errors). */
  public static PlantedRoles fromJson(Object value, String source) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new PlantedModelException(source + ": '" + CONFIG_KEY
          + "' must be an object of role -> [[layer, head], ...], got " + value);
    }
    Map<PlantedRole, List<Head>> byRole = new EnumMap<>(PlantedRole.class);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      PlantedRole role = PlantedRole.fromKey(String.valueOf(e.getKey()));
      if (!(e.getValue() instanceof List<?> list)) {
        throw new PlantedModelException(source + ": role '" + role.key()
            + "' must be a list of [layer, head] pairs, got " + e.getValue());
      }
      List<Head> heads = new ArrayList<>();
      for (Object pair : list) {
        heads.add(head(pair, role, source));
      }
      byRole.put(role, heads);
    }
    return new PlantedRoles(byRole);
  }

  private static Head head(Object pair, PlantedRole role, String source) {
    if (pair instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long layer
        && l.get(1) instanceof Long head && layer >= 0 && head >= 0) {
      return new Head(Math.toIntExact(layer), Math.toIntExact(head));
    }
    throw new PlantedModelException(source + ": role '" + role.key()
        + "' has entry " + pair + "; expected a [layer, head] pair of non-negative integers");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlantedRoles r && r.byRole.equals(byRole);
  }

  @Override
  public int hashCode() {
    return byRole.hashCode();
  }

  @Override
  public String toString() {
    return "PlantedRoles" + toJson();
  }
}
