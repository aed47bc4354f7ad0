package dev.circuits.core;

import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Module beta reduction: replace arg symbols by arguments, expanding ancestors as needed. */
public final class Substitution {
  private Substitution() {}

  /** The circuit with every Module replaced by its substituted body (recursively). */
  public static Circuit substituteAll(Circuit c) {
    return substituteAll(c, new HashMap<>());
  }

  /** Bottom-up over {@code root} (iteratively, so deep circuits cannot overflow the stack). */
  private static Circuit substituteAll(Circuit root, Map<HashKey, Circuit> memo) {
    Circuit known = memo.get(HashKey.of(root));
    if (known != null) {
      return known;
    }
    for (Circuit c : root.postOrder()) {
      HashKey key = HashKey.of(c);
      if (memo.containsKey(key)) {
        continue;
      }
      Circuit out;
      if (c instanceof Module m) {
        out = substituteAll(m.substitute(), memo);
      } else {
        List<Circuit> kids = new ArrayList<>(c.numChildren());
        boolean same = true;
        for (Circuit ch : c.children()) {
          Circuit k = memo.get(HashKey.of(ch));
          same &= k == ch;
          kids.add(k);
        }
        out = same ? c : ExpandNode.expand(c, kids);
      }
      memo.put(key, out);
    }
    return memo.get(HashKey.of(root));
  }

  /** Beta-reduces {@code spec} applied to {@code args}; the result is renamed to {@code name}. */
  static Circuit substitute(ModuleSpec spec, List<Circuit> args, String name) {
    List<ModuleArgSpec> argSpecs = spec.argSpecs();
    if (argSpecs.size() != args.size()) {
      throw new ConstructException(ConstructException.Rule.MODULE_WRONG_NUM_ARGS,
          "module " + (name == null ? "<unnamed>" : "'" + name + "'") + " on spec "
              + spec.circuit().describe() + " expects " + argSpecs.size() + " args, got "
              + args.size());
    }
    int[] batchRank = new int[args.size()];
    Map<HashKey, Circuit> replacements = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      ModuleArgSpec as = argSpecs.get(i);
      Circuit arg = args.get(i);
      checkArg(name, as, arg);
      batchRank[i] = arg.rank() - as.symbol().rank();
      replacements.put(HashKey.of(as.symbol()), arg);
    }
    Shape batch = alignedBatch(name, args, batchRank);
    Circuit body = substituteAll(spec.circuit());
    Circuit out = replaceExpand(body, replacements, new HashMap<>());
    int outBatch = out.rank() - body.rank();
    if (outBatch < batch.rank()) {
      out = Rearrange.of(out, RearrangeSpec.prependBatch(batch.slice(0, batch.rank() - outBatch),
          out.rank()), out.isNamed() ? out.name() + " rep_batch" : null);
    }
    return name == null ? out : out.rename(name);
  }

  private static void checkArg(String module, ModuleArgSpec as, Circuit arg) {
    Symbol sym = as.symbol();
    String who = "module " + (module == null ? "<unnamed>" : "'" + module + "'") + " arg "
        + arg.describe() + " bound to " + sym.describe();
    if (arg.rank() < sym.rank()) {
      throw new ConstructException(ConstructException.Rule.MODULE_ARG_RANK_TOO_LOW,
          who + ": rank is lower than the symbol's");
    }
    if (!as.batchable() && arg.rank() > sym.rank()) {
      throw new ConstructException(ConstructException.Rule.MODULE_ARG_SHAPE_MISMATCH,
          who + ": the arg spec is not batchable but the arg has extra leading dims");
    }
    Shape tail = arg.shape().drop(arg.rank() - sym.rank());
    if (!as.expandable() && !tail.equals(sym.shape())) {
      throw new ConstructException(ConstructException.Rule.MODULE_ARG_SHAPE_MISMATCH,
          who + ": the arg spec is not expandable but shapes differ");
    }
    if (as.banNonSymbolicSizeExpand()) {
      for (int d = 0; d < sym.rank(); d++) {
        long old = sym.shape().get(d);
        if (tail.get(d) != old && !SymbolicSizes.isSymbolic(old)) {
          throw new ConstructException(ConstructException.Rule.MODULE_ARG_SHAPE_MISMATCH,
              who + ": dim " + d + " changes from non-symbolic size " + old + " to "
                  + tail.get(d) + " (banned by the arg spec)");
        }
      }
    }
  }

  private static Shape alignedBatch(String module, List<Circuit> args, int[] batchRank) {
    int k = java.util.Arrays.stream(batchRank).max().orElse(0);
    long[] out = new long[k];
    boolean[] set = new boolean[k];
    for (int i = 0; i < args.size(); i++) {
      for (int j = 0; j < batchRank[i]; j++) {
        int pos = k - batchRank[i] + j;
        long d = args.get(i).shape().get(j);
        if (set[pos] && out[pos] != d) {
          throw new ConstructException(ConstructException.Rule.MODULE_BATCH_MISMATCH,
              "module " + (module == null ? "<unnamed>" : "'" + module + "'")
                  + ": batch shapes of the args do not agree (right-aligned) at batch dim " + pos
                  + ": " + out[pos] + " vs " + d);
        }
        out[pos] = d;
        set[pos] = true;
      }
    }
    return Shape.of(out);
  }

  /** Replaces free symbols (by hash) and rebuilds their ancestors with {@link ExpandNode}. */
  static Circuit replaceExpand(Circuit c, Map<HashKey, Circuit> replacements,
      Map<HashKey, Circuit> memo) {
    return ExpandNode.replace(c, replacements, memo);
  }
}
