package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.planted.PlantedRole;
import dev.circuits.ioi.planted.PlantedRoles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The heads a model is believed to have in each {@link IoiRole}, and where that belief comes from:
 * the planted model's construction, or the IOI paper for GPT-2 small. The claims discover heads
 * from data and compare with these; they never use them as input where a discovery exists.
 */
public record ExpectedHeads(String source, Map<IoiRole, List<Head>> byRole) {
  /** Copies the map. */
  public ExpectedHeads {
    Map<IoiRole, List<Head>> copy = new EnumMap<>(IoiRole.class);
    byRole.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    byRole = copy;
  }

  /** The heads of {@code role} (empty when unknown). */
  public List<Head> heads(IoiRole role) {
    return byRole.getOrDefault(role, List.of());
  }

  /** No expectations (an unknown model): verdicts rest on discovery alone. */
  public static ExpectedHeads none() {
    return new ExpectedHeads("none (unknown model)", Map.of());
  }

  /** The IOI paper's heads in GPT-2 small (Wang et al. 2022, §3 and App. C, D, F). */
  public static ExpectedHeads gpt2Small() {
    Map<IoiRole, List<Head>> m = new EnumMap<>(IoiRole.class);
    m.put(IoiRole.NAME_MOVER, heads("9.6 9.9 10.0"));
    m.put(IoiRole.NEGATIVE_NAME_MOVER, heads("10.7 11.10"));
    m.put(IoiRole.BACKUP_NAME_MOVER, heads("9.0 9.7 10.1 10.2 10.6 10.10 11.2 11.9"));
    m.put(IoiRole.S_INHIBITION, heads("7.3 7.9 8.6 8.10"));
    m.put(IoiRole.INDUCTION, heads("5.5 6.9"));
    m.put(IoiRole.DUPLICATE_TOKEN, heads("0.1 3.0"));
    m.put(IoiRole.PREVIOUS_TOKEN, heads("2.2 4.11"));
    return new ExpectedHeads("the IOI paper (Wang et al. 2022) for GPT-2 small", m);
  }

  /** The planted model's roles as written in its {@code config.json}. */
  public static ExpectedHeads planted(PlantedRoles roles) {
    Map<IoiRole, List<Head>> m = new EnumMap<>(IoiRole.class);
    m.put(IoiRole.NAME_MOVER, roles.heads(PlantedRole.NAME_MOVER));
    m.put(IoiRole.S_INHIBITION, roles.heads(PlantedRole.S_INHIBITION));
    m.put(IoiRole.INDUCTION, roles.heads(PlantedRole.INDUCTION));
    m.put(IoiRole.DUPLICATE_TOKEN, roles.heads(PlantedRole.DUPLICATE_TOKEN));
    m.put(IoiRole.PREVIOUS_TOKEN, roles.heads(PlantedRole.PREVIOUS_TOKEN));
    m.put(IoiRole.NEGATIVE_NAME_MOVER, roles.heads(PlantedRole.NEGATIVE_NAME_MOVER));
    m.put(IoiRole.BACKUP_NAME_MOVER, roles.heads(PlantedRole.BACKUP_NAME_MOVER));
    return new ExpectedHeads("the planted model's construction (config.json planted_circuit)", m);
  }

  /** The paper's heads when {@code config} has GPT-2 small's shape, else none. */
  public static ExpectedHeads forConfig(Gpt2Config config) {
    boolean small = config.nLayer() == 12 && config.nHead() == 12 && config.nEmbd() == 768;
    return small ? gpt2Small() : none();
  }

  /** Heads written as {@code "L.H L.H ..."}. */
  static List<Head> heads(String spaced) {
    return java.util.Arrays.stream(spaced.trim().split("\\s+")).map(Heads::parse).toList();
  }
}
