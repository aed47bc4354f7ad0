package dev.circuits.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/** Plans einsums, caching plans by signature (axes, output axes and operand shapes). */
final class EinsumPlanner {
  private static final int MAX_PLANS = 4096;
  private final Map<String, EinsumPlan> plans = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, EinsumPlan> eldest) {
      return size() > MAX_PLANS;
    }
  };

  /** The plan for operands with these axes and shapes (cached). */
  synchronized EinsumPlan plan(int[][] inAxes, long[][] shapes, int[] outAxes) {
    String key = signature(inAxes, shapes, outAxes);
    EinsumPlan p = plans.get(key);
    if (p == null) {
      p = EinsumPlan.of(inAxes, shapes, outAxes);
      plans.put(key, p);
    }
    return p;
  }

  private static String signature(int[][] inAxes, long[][] shapes, int[] outAxes) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < inAxes.length; k++) {
      for (int i = 0; i < inAxes[k].length; i++) {
        sb.append(inAxes[k][i]).append(':').append(shapes[k][i]).append(' ');
      }
      sb.append(',');
    }
    sb.append('>');
    for (int o : outAxes) {
      sb.append(o).append(' ');
    }
    return sb.toString();
  }
}
