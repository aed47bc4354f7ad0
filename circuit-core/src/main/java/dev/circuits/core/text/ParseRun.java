package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.Symbol;
import dev.circuits.core.text.ParseException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parse: partial nodes by identifier, built nodes, and the roots in order. */
final class ParseRun {
  private static final int TAB_WIDTH = 2;
  private static final Pattern FLAGS = Pattern.compile("(.*) ([tf]{3})$");
  private static final Set<String> UNSUPPORTED =
      Set.of("Conv", "Cumulant", "StoredCumulantVar");

  /** A line with its 1-based number. */
  record Line(int number, String text) {}

  /** A root found while reading, with the line that introduced it. */
  record Root(Ident ident, Line line) {}

  private final ParserOptions options;
  private final NodeFactory factory;
  private final Map<Ident, PartialCircuit> partials = new HashMap<>();
  private final Map<Ident, Circuit> built = new HashMap<>();

  ParseRun(ParserOptions options) {
    this.options = options;
    this.factory = new NodeFactory(options);
  }

  /** Reads all lines of {@code text}, returning the roots in order (not yet built). */
  List<Root> read(String text) {
    List<Line> lines = new ArrayList<>();
    int n = 0;
    for (String l : text.split("\\r?\\n", -1)) {
      lines.add(new Line(++n, l));
    }
    return read(lines);
  }

  private List<Root> read(List<Line> lines) {
    List<Root> roots = new ArrayList<>();
    List<Ident> stack = new ArrayList<>();
    List<Boolean> stackIsNew = new ArrayList<>();
    boolean afterMarker = false;
    Integer baseIndent = null;
    Line firstLine = null;
    for (Line line : lines) {
      LineSyntax syntax = LineSyntax.of(line.text());
      LineSyntax.Kind kind = syntax.kind();
      if (kind == LineSyntax.Kind.SKIP) {
        continue;
      }
      if (kind == LineSyntax.Kind.ONLY_CHILD_MARKER) {
        afterMarker = true;
        continue;
      }
      LineSyntax.NodeLine nl;
      try {
        nl = syntax.nodeLine();
      } catch (LineSyntax.UnclosedShape e) {
        throw error(Reason.INVALID_SHAPE, line, e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw error(Reason.REGEX_DIDNT_MATCH, line, e.getMessage(), e);
      }
      if (nl == null) {
        throw error(Reason.REGEX_DIDNT_MATCH, line, "the line does not match the grammar "
            + "(indent, identifier, ['name'], [AD], [[shape]], [Variant], [extra], [# comment])",
            null);
      }
      if (baseIndent == null) {
        baseIndent = nl.indent();
        firstLine = line;
      }
      if (nl.indent() < baseIndent) {
        throw error(Reason.LESS_INDENTATION_THAN_FIRST_ITEM, line, "indented by " + nl.indent()
            + " but the first line (" + firstLine.number() + ") is indented by " + baseIndent,
            null);
      }
      int spaces = nl.indent() - baseIndent;
      int level = spaces / TAB_WIDTH + (afterMarker ? 1 : 0);
      if (spaces % TAB_WIDTH != 0 || level > stack.size()) {
        throw error(Reason.INVALID_INDENTATION, line, spaces + " spaces of indentation relative"
            + " to the first line is not a multiple of " + TAB_WIDTH + " at most one level below "
            + "the parent (depth " + stack.size() + ")", null);
      }
      while (stack.size() > level) {
        stack.remove(stack.size() - 1);
        stackIsNew.remove(stackIsNew.size() - 1);
      }
      Ident ident = nl.ident();
      boolean isNew = !partials.containsKey(ident);
      if (isReference(ident)) {
        if (nl.name() != null || nl.shape() != null || nl.variant() != null || nl.extra() != null
            || nl.autonameDisabled()) {
          throw error(Reason.REFERENCE_WITH_INFO, line, "reference circuit " + ident
              + " must appear alone on its line (besides a '!' binding)", null);
        }
      } else {
        declare(nl, line, isNew);
      }
      if (stack.isEmpty()) {
        roots.add(new Root(ident, line));
        if (nl.childInfo() != null) {
          throw error(Reason.PARENT_INFO_WITHOUT_PARENT, line, "a root line can't bind a module "
              + "argument with '!'", null);
        }
      } else {
        Ident parent = stack.get(stack.size() - 1);
        if (isReference(parent)) {
          throw error(Reason.REFERENCE_WITH_CHILDREN, line, "reference circuit " + parent
              + " can't have children", null);
        }
        if (!stackIsNew.get(stackIsNew.size() - 1)) {
          throw error(Reason.REPEAT_WITH_CHILDREN, line, "the parent " + parent + " repeats an "
              + "earlier identifier, so it can't have children here", null);
        }
        addChildInfo(parent, ident, nl.childInfo(), line);
        partials.get(parent).children.add(ident);
      }
      if (afterMarker) {
        if (!stack.isEmpty()) {
          stack.remove(stack.size() - 1);
          stackIsNew.remove(stackIsNew.size() - 1);
        }
        afterMarker = false;
      }
      stack.add(ident);
      stackIsNew.add(isNew);
    }
    return roots;
  }

  private boolean isReference(Ident ident) {
    return !ident.numeric() && options.referenceCircuits().containsKey(ident.text());
  }

  private void declare(LineSyntax.NodeLine nl, Line line, boolean isNew) {
    String name = nl.name() != null ? nl.name()
        : (isNew && !nl.ident().numeric() ? nl.ident().text() : null);
    ShapeText shape = null;
    if (nl.shape() != null) {
      try {
        shape = ShapeText.parse(nl.shape());
      } catch (RuntimeException e) {
        throw error(Reason.INVALID_SHAPE, line, "cannot read shape [" + nl.shape() + "]: "
            + e.getMessage(), e);
      }
    }
    Kind variant = nl.variant() == null ? null : variant(nl.variant(), line);
    if (isNew) {
      if (variant == null) {
        if (nl.bare()) {
          throw error(Reason.UNKNOWN_IDENTIFIER, line, "identifier " + nl.ident()
              + " was never defined (nor given as a reference circuit)", null);
        }
        throw error(Reason.MISSING_VARIANT, line, "the first line of " + nl.ident()
            + " must give its variant (Einsum, Add, Scalar, ...)", null);
      }
      partials.put(nl.ident(), new PartialCircuit(line.number(), line.text(), variant,
          nl.extra(), shape, name, nl.autonameDisabled()));
    } else if (options.onRepeatCheckInfoSame()) {
      checkRepeat(partials.get(nl.ident()), nl, name, shape, variant, line);
    }
  }

  private void checkRepeat(PartialCircuit old, LineSyntax.NodeLine nl, String name,
      ShapeText shape, Kind variant, Line line) {
    List<String> diffs = new ArrayList<>();
    if (name != null && !name.equals(old.name)) {
      diffs.add("name " + quoteOrNone(name) + " != " + quoteOrNone(old.name));
    }
    if (shape != null && !shape.shape().equals(old.shape)) {
      diffs.add("shape " + shape.shape() + " != " + old.shape);
    }
    if (variant != null && variant != old.variant) {
      diffs.add("variant " + variant.displayName() + " != " + old.variant.displayName());
    }
    if (nl.extra() != null && !nl.extra().equals(old.extra)) {
      diffs.add("extra '" + nl.extra() + "' != '" + old.extra + "'");
    }
    if (nl.autonameDisabled() && !old.autonameDisabled) {
      diffs.add("AD given here but not on line " + old.lineNumber);
    }
    if (!diffs.isEmpty()) {
      throw error(Reason.REPEAT_INFO_NOT_SAME, line, "repeat of " + nl.ident()
          + " (first on line " + old.lineNumber + ") differs: " + String.join("; ", diffs), null);
    }
  }

  private static String quoteOrNone(String s) {
    return s == null ? "None" : NameQuoting.quote(s);
  }

  private Kind variant(String s, Line line) {
    Optional<Kind> k = Kind.byDisplayName(s);
    if (k.isPresent()) {
      return k.get();
    }
    if (UNSUPPORTED.contains(s)) {
      throw error(Reason.UNSUPPORTED_VARIANT, line, "variant " + s + " is not supported", null);
    }
    throw error(Reason.UNKNOWN_VARIANT, line, "unknown variant '" + s + "'", null);
  }

  /** Module arguments bind a spec symbol with {@code ! symbol-line [flags]}; nothing else may. */
  private void addChildInfo(Ident parentIdent, Ident child, String info, Line line) {
    PartialCircuit parent = partials.get(parentIdent);
    if (parent.variant != Kind.MODULE || parent.children.isEmpty()) {
      if (info != null) {
        throw error(Reason.UNEXPECTED_CHILD_INFO, line, "'! " + info + "' on child " + child
            + " of " + parent.variant.displayName() + " " + parentIdent
            + (parent.variant == Kind.MODULE ? " (the spec circuit binds nothing)"
                : " (only Module arguments bind symbols)"), null);
      }
      return;
    }
    if (info == null) {
      throw error(Reason.MODULE_ARG_WITHOUT_BINDING, line, "argument " + child + " of Module "
          + parentIdent + " must name the symbol it binds, as in \"'x' [3] Scalar 1 ! 'sym'\"",
          null);
    }
    Matcher m = FLAGS.matcher(info);
    String symbolText = m.matches() ? m.group(1) : info;
    String flags = m.matches() ? m.group(2) : "ttt";
    List<Root> roots = read(List.of(new Line(line.number(), symbolText)));
    if (roots.size() != 1) {
      throw error(Reason.MODULE_EXPECTED_SYMBOL, line, "the binding '! " + info
          + "' must be one symbol line", null);
    }
    Circuit sym = build(roots.get(0).ident());
    if (!(sym instanceof Symbol s)) {
      throw error(Reason.MODULE_EXPECTED_SYMBOL, line, "the binding '! " + info + "' names "
          + sym.describe() + ", not a Symbol", null);
    }
    parent.moduleArgSpecs.add(new ModuleArgSpec(s, flags.charAt(0) == 't',
        flags.charAt(1) == 't', flags.charAt(2) == 't'));
  }

  /**
   * Builds (once) the node for {@code ident} and everything below it, children first, with an
   * explicit stack: nesting depth is bounded by memory, not by the thread's stack.
   */
  Circuit build(Ident ident) {
    Circuit known = resolved(ident);
    if (known != null) {
      return known;
    }
    Deque<BuildFrame> stack = new ArrayDeque<>();
    Set<Ident> inProgress = new HashSet<>();
    stack.push(new BuildFrame(ident, partials.get(ident)));
    inProgress.add(ident);
    while (!stack.isEmpty()) {
      BuildFrame top = stack.peek();
      if (top.next < top.partial.children.size()) {
        Ident child = top.partial.children.get(top.next++);
        if (resolved(child) != null) {
          continue;
        }
        PartialCircuit ps = partials.get(child);
        if (!inProgress.add(child)) {
          throw new ParseException(Reason.CYCLE, ps.lineNumber, ps.lineText, "identifier "
              + child + " is its own descendant");
        }
        stack.push(new BuildFrame(child, ps));
      } else {
        stack.pop();
        inProgress.remove(top.ident);
        List<Circuit> children = new ArrayList<>(top.partial.children.size());
        for (Ident c : top.partial.children) {
          children.add(resolved(c));
        }
        built.put(top.ident, factory.build(top.partial, children));
      }
    }
    return built.get(ident);
  }

  /** A node being built: its identifier, its line and the next child to visit. */
  private static final class BuildFrame {
    final Ident ident;
    final PartialCircuit partial;
    int next;

    BuildFrame(Ident ident, PartialCircuit partial) {
      this.ident = ident;
      this.partial = partial;
    }
  }

  /** The reference circuit or already built node for {@code ident}; null when not built yet. */
  private Circuit resolved(Ident ident) {
    return isReference(ident) ? options.referenceCircuits().get(ident.text()) : built.get(ident);
  }

  private static ParseException error(Reason reason, Line line, String detail, Throwable cause) {
    return new ParseException(reason, line.number(), line.text(), detail, cause);
  }
}
