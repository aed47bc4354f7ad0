package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** One call of {@link Printer#repr}: identifiers, serial numbers and seen nodes across its roots. */
final class PrintRun {
  private final PrintOptions o;
  private final Map<Circuit, String> referenceIdents = new HashMap<>();
  /** Name to "several distinct nodes carry it"; null when serial numbers are forced. */
  private final Map<String, Boolean> nameRepeated;
  /** Printed node to {repeat string, line prefix}. */
  private final Map<Circuit, String[]> seen = new HashMap<>();
  private final StringBuilder out = new StringBuilder();
  /** The most characters the text may have: a deep circuit prints quadratically (indentation). */
  private final long maxChars;
  private int serial;

  PrintRun(PrintOptions o, List<Circuit> roots) {
    this.o = o;
    o.referenceCircuits().forEach((ident, c) -> referenceIdents.put(c, ident));
    this.nameRepeated = o.forceUseSerialNumbers() ? null : nameCounts(roots);
    Runtime rt = Runtime.getRuntime();
    long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    this.maxChars = o.maxChars() != null ? o.maxChars()
        : Math.min(Integer.MAX_VALUE - 64L, heapFree / 8);
  }

  private static Map<String, Boolean> nameCounts(List<Circuit> roots) {
    Map<String, Boolean> repeated = new HashMap<>();
    Set<Circuit> visited = new HashSet<>();
    List<Circuit> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      Circuit c = stack.remove(stack.size() - 1);
      if (!visited.add(c)) {
        continue;
      }
      if (c.isNamed()) {
        repeated.merge(c.name(), false, (a, b) -> true);
      }
      stack.addAll(c.children());
      if (c.kind() == Kind.MODULE) {
        for (ModuleArgSpec a : ((Module) c).spec().argSpecs()) {
          stack.add(a.symbol());
        }
      }
    }
    return repeated;
  }

  String run(List<Circuit> roots) {
    for (Circuit root : roots) {
      print(new Visit(root, root.numChildren() == 1, List.of(), 0, null, -1, List.of()));
    }
    String result = out.toString();
    if (o.leavesOnTop()) {
      List<String> lines = new ArrayList<>(result.strip().lines().toList());
      java.util.Collections.reverse(lines);
      result = String.join("\n", lines).replace(TreeDrawing.UP_ELBOW, TreeDrawing.DOWN_ELBOW);
    }
    if (result.endsWith("\n")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /** One node line still to print, with where it sits in the tree. */
  private record Visit(Circuit c, boolean isOnlyChild, List<Boolean> lastChild, int depth,
      Circuit parent, int childIndex, List<String> nodeComments) {}

  /** Prints {@code root}'s subtree depth-first with an explicit stack (any depth). */
  private void print(Visit root) {
    java.util.Deque<Visit> stack = new java.util.ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Visit v = stack.pop();
      List<Visit> children = node(v);
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
    }
  }

  /** Prints one node's line; returns the children still to print, in order. */
  private List<Visit> node(Visit v) {
    Circuit c = v.c();
    List<Boolean> lastChild = v.lastChild();
    out.append(TreeDrawing.prefix(lastChild, !(v.isOnlyChild() && o.onlyChildBelow()),
        o.arrows()));
    Integer color = o.colorer() == null ? null : o.colorer().apply(c);
    if (color != null) {
      out.append("\u001b[").append(color).append('m');
    }
    boolean terminated = identifierAndLine(c, out);
    if (color != null) {
      out.append("\u001b[0m");
    }
    if (v.parent() != null) {
      String info = childInfo(v.parent(), v.childIndex());
      if (info != null) {
        out.append(" ! ").append(info);
      }
    }
    boolean cut = false;
    if (!terminated) {
      cut = (o.endDepth() != null && v.depth() + 1 >= o.endDepth())
          || (o.stopAt() != null && o.stopAt().test(c));
      if (cut && c.numChildren() != 0) {
        out.append(" ...");
      }
    }
    appendComments(c, v.nodeComments());
    out.append('\n');
    if (out.length() > maxChars) {
      throw new CircuitException("the printed text would exceed " + maxChars + " characters ("
          + "at depth " + v.depth() + ", printing " + c.describe() + "; each line is indented by "
          + "its depth, so deep circuits print quadratically): print a part of it (e.g. with "
          + "PrintOptions.debugDefault(depth)) or give the JVM more heap");
    }
    if (terminated || cut) {
      return List.of();
    }
    int n = c.numChildren();
    if (o.onlyChildBelow() && n == 1) {
      out.append(TreeDrawing.prefix(lastChild, false, o.arrows()))
          .append(TreeDrawing.ONLY_CHILD_MARKER).append('\n');
      return List.of(new Visit(c.child(0), true, lastChild, v.depth() + 1, c, 0, List.of()));
    }
    List<Visit> children = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Boolean> childLast = new ArrayList<>(lastChild);
      childLast.add(i == n - 1);
      List<String> comments = o.commentArgNames() ? List.of(argName(c, i)) : List.of();
      children.add(new Visit(c.child(i), n == 1, childLast, v.depth() + 1, c, i, comments));
    }
    return children;
  }

  /** Writes the identifier and line info; true when the node was only referenced (no children). */
  private boolean identifierAndLine(Circuit c, StringBuilder sb) {
    String ref = referenceIdents.get(c);
    if (ref != null) {
      sb.append(escape(ref));
      return true;
    }
    String[] repeat = seen.get(c);
    if (repeat != null) {
      sb.append(repeat[0]);
      return true;
    }
    boolean useSerial = nameRepeated == null || !c.isNamed()
        || !Boolean.FALSE.equals(nameRepeated.get(c.name()));
    String repeatString;
    String prefix;
    if (!c.isNamed()) {
      prefix = Integer.toString(serial++);
      repeatString = prefix + " " + c.kind().displayName();
    } else if (useSerial) {
      prefix = (serial++) + " " + escape(c.name());
      repeatString = prefix;
    } else {
      prefix = escape(c.name());
      repeatString = prefix;
    }
    sb.append(prefix);
    seen.put(c, new String[] {repeatString, prefix});
    sb.append(LineFormat.lineInfo(o, c));
    return false;
  }

  /** For a Module argument: the bound symbol (identifier or full line) and non-default flags. */
  private String childInfo(Circuit parent, int childIndex) {
    if (parent.kind() != Kind.MODULE || childIndex == 0) {
      return null;
    }
    ModuleArgSpec spec = ((Module) parent).spec().argSpecs().get(childIndex - 1);
    StringBuilder sb = new StringBuilder();
    identifierAndLine(spec.symbol(), sb);
    if (!(spec.batchable() && spec.expandable() && spec.banNonSymbolicSizeExpand())) {
      sb.append(' ').append(spec.flagString());
    }
    return sb.toString();
  }

  private static String argName(Circuit parent, int i) {
    switch (parent.kind()) {
      case EINSUM:
        StringBuilder sb = new StringBuilder();
        for (int a : ((Einsum) parent).inAxes(i)) {
          sb.append(RearrangeSpec.ALPHABET.charAt(a));
        }
        return sb.toString();
      case DISCRETE_VAR:
        return i == 0 ? "Values" : "Probs and Group";
      case MODULE:
        return i == 0 ? "Spec" : "";
      default:
        return "";
    }
  }

  private void appendComments(Circuit c, List<String> nodeComments) {
    List<String> all = new ArrayList<>(nodeComments);
    for (Function<Circuit, String> commenter : o.commenters()) {
      all.add(commenter.apply(c));
    }
    for (String comment : all) {
      if (comment != null && !comment.isEmpty()) {
        out.append(" # ").append(comment);
      }
    }
  }

  private String escape(String name) {
    return o.bijection() ? NameQuoting.quote(name) : name;
  }
}
