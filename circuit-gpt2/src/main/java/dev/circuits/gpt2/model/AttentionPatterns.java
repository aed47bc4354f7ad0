package dev.circuits.gpt2.model;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention patterns of chosen heads of a head-split GPT-2 (REMIX's {@code get_attention_pattern}):
 * {@code [heads, batch, query, key]}. The value-weighted variant multiplies entry {@code [q, k]} by
 * the L2 norm of head's value vector at the <em>key</em> position {@code k} (how much of key k's
 * value actually reaches query q; REMIX's text). REMIX's code scales by the value norm at the
 * query position instead (spec remix-ioi.md §10.2); the diagonal entries agree either way.
 */
public final class AttentionPatterns {
  private AttentionPatterns() {}

  /** Attention probabilities {@code [heads, batch, query, key]} on {@code tokens} [batch, seq]. */
  public static INDArray patterns(Gpt2Circuit model, List<Head> heads, INDArray tokens,
      Evaluator evaluator) {
    return evaluate(model, heads, tokens, evaluator, false);
  }

  /**
   * As {@link #patterns}, each entry {@code [q, k]} multiplied by {@code ||v_k||}, the norm of
   * the head's value vector (with bias) at key position {@code k}.
   */
  public static INDArray valueWeighted(Gpt2Circuit model, List<Head> heads, INDArray tokens,
      Evaluator evaluator) {
    return evaluate(model, heads, tokens, evaluator, true);
  }

  private static INDArray evaluate(Gpt2Circuit model, List<Head> heads, INDArray tokens,
      Evaluator evaluator, boolean weighted) {
    if (tokens.rank() != 2) {
      throw new CircuitException("attention patterns need tokens of shape [batch, seq], got "
          + java.util.Arrays.toString(tokens.shape()));
    }
    List<Circuit> roots = new ArrayList<>();
    for (Head h : heads) {
      Circuit head = headNode(model, h);
      roots.add(model.withTokens(below(head, "a.attn_probs"), tokens));
      if (weighted) {
        roots.add(model.withTokens(below(head, "a.v_p_bias"), tokens));
      }
    }
    List<INDArray> values = evaluator.evaluateMany(roots);
    long b = tokens.size(0);
    long t = tokens.size(1);
    INDArray out = Nd4j.create(DataType.FLOAT, heads.size(), b, t, t);
    int stride = weighted ? 2 : 1;
    for (int i = 0; i < heads.size(); i++) {
      INDArray probs = values.get(i * stride).castTo(DataType.FLOAT);
      if (weighted) {
        INDArray norms = values.get(i * stride + 1).castTo(DataType.FLOAT).norm2(2); // [b, key]
        probs = probs.mul(norms.reshape(b, 1, t).broadcast(b, t, t));
      }
      out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(probs);
    }
    return out;
  }

  private static Circuit headNode(Gpt2Circuit model, Head h) {
    if (!model.options().splitHeads()) {
      throw new CircuitException("attention patterns per head need a head-split model "
          + "(Gpt2BuildOptions.split), got " + model.options());
    }
    return Matcher.named(h.nodeName()).getUniqueOp(model.logits()).orElseThrow(
        () -> new CircuitException("no head " + h.nodeName() + " in the model (" + model.config()
            .nLayer() + " layers, " + model.config().nHead() + " heads)"));
  }

  /** The first node named {@code name} within depth 2 below a head output (REMIX: depth < 3). */
  private static Circuit below(Circuit head, String name) {
    return IterativeMatcher.restrict(Matcher.named(name), true, null, 3, null).getUnique(head);
  }
}
