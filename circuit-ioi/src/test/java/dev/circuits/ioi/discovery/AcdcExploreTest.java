package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.PlantedModels;
import org.junit.jupiter.api.Test;

class AcdcExploreTest {
  @Test
  void explore() {
    String model = System.getProperty("acdc.model", "planted-ioi");
    int n = Integer.getInteger("acdc.n", 8);
    double tau = Double.parseDouble(System.getProperty("acdc.tau", "0.02"));
    DiscoveryMetric metric = DiscoveryMetric.parse(System.getProperty("acdc.metric", "logit-diff"));
    Gpt2Weights w = PlantedModels.named(model).orElseThrow().load();
    RemixDatasets ds = RemixDatasets.build(IoiTokenizers.gpt2(), n);
    DiscoveredCircuit c = IoiDiscovery.discover(w, ds.ioi(), PatchDataset.ABC.flip(ds.ioi()),
        new AcdcOptions(metric, tau), Acdc.Progress.NONE);
    System.err.println(dev.circuits.core.io.Json.write(c.toJson()));
  }
}
