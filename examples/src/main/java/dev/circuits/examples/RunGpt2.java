package dev.circuits.examples;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.Gpt2Models;
import dev.circuits.gpt2.Gpt2Tokenizer;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.planted.PlantedModels;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * README "GPT-2": tokenize an IOI prompt with GPT-2's tokenizer, build the model as a circuit
 * with REMIX's node names, evaluate the logits at the last position and print the top next
 * tokens. Arguments: {@code [MODEL [PROMPT]]}; MODEL is {@code planted-ioi} (default, offline),
 * {@code planted-gpt2}, a checkpoint folder or a Hub id such as {@code gpt2} (downloaded once).
 */
public final class RunGpt2 {
  private RunGpt2() {}

  /** Runs the example. */
  public static void main(String[] args) {
    String model = args.length > 0 ? args[0] : "planted-ioi";
    String prompt = args.length > 1 ? args[1]
        : "When Mary and John went to the store, John gave a drink to";
    Gpt2Weights weights = PlantedModels.named(model).map(p -> p.load())
        .orElseGet(() -> Gpt2Checkpoint.load(Gpt2Models.resolve(model)));
    System.out.println("model " + model + ": " + weights.config());

    try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.bundled()) {
      int[] ids = tokenizer.encode(prompt);
      System.out.println("prompt tokens: " + tokenizer.tokenStrings(ids));

      // The circuit reads a 'tokens' placeholder of the prompt's length; withTokens binds it.
      Gpt2Circuit circuit = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(ids.length));
      Circuit lastLogits = circuit.logitsAt(-1);        // the unembedding at one position only
      INDArray tokens = Nd4j.createFromArray(java.util.Arrays.stream(ids).asLongStream()
          .toArray()).reshape(1, ids.length);
      INDArray logits = Evaluator.create().evaluate(circuit.withTokens(lastLogits, tokens))
          .reshape(-1);

      System.out.println("top next tokens:");
      INDArray order = Nd4j.sortWithIndices(logits.dup(), 0, false)[0];
      for (int k = 0; k < 5; k++) {
        int id = order.getInt(k);
        System.out.printf(Locale.ROOT, "  %-12s logit %7.3f%n",
            "'" + tokenizer.decode(new int[] {id}) + "'", logits.getDouble(id));
      }
    }
  }
}
