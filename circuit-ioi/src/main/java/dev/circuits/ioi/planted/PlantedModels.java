package dev.circuits.ioi.planted;

import java.util.List;
import java.util.Optional;

/** The planted models by name ({@code planted-ioi}, {@code planted-gpt2}), for the command line. */
public final class PlantedModels {
  private PlantedModels() {}

  /** Every planted model, smallest first. */
  public static List<PlantedModel> all() {
    return List.of(PlantedIoiModel.MODEL, PlantedGpt2Small.MODEL);
  }

  /** The planted model called {@code name}, if there is one. */
  public static Optional<PlantedModel> named(String name) {
    return all().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The names, e.g. for help texts. */
  public static List<String> names() {
    return all().stream().map(PlantedModel::name).toList();
  }
}
