package dev.circuits.core.text;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.ConstructException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.SetSymbolicShape;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.GeneralFunctions;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.text.ParseException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Builds one node from its parsed line and its already-built children. */
final class NodeFactory {
  private static final Pattern UUID_HYPHENATED = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern UUID_SIMPLE = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern HASH_PREFIX = Pattern.compile("[0-9a-fA-F]{1,64}");
  private static final String RANDOM = "rand";

  private final ParserOptions options;

  NodeFactory(ParserOptions options) {
    this.options = options;
  }

  /** The node with its parsed name, named axes and AD flag; errors name the defining line. */
  Circuit build(PartialCircuit ps, List<Circuit> children) {
    Circuit c;
    try {
      c = construct(ps, children);
      if (ps.shape != null && !ps.shape.equals(c.shape())) {
        throw fail(ps, Reason.SHAPE_MISMATCH, "the line gives shape " + ps.shape
            + " but the " + ps.variant.displayName() + " has shape " + c.shape());
      }
      if (ps.namedAxes != null) {
        c = c.withNamedAxes(ps.namedAxes);
      }
      if (ps.autonameDisabled) {
        c = c.withAutonameDisabled();
      }
      return c.rename(ps.name);
    } catch (ConstructException e) {
      throw new ParseException(Reason.CONSTRUCTION_FAILED, ps.lineNumber, ps.lineText,
          "cannot build " + ps.variant.displayName() + ": " + e.getMessage(), e);
    }
  }

  private Circuit construct(PartialCircuit ps, List<Circuit> ch) {
    String name = ps.name;
    switch (ps.variant) {
      case ARRAY:
        expectChildren(ps, ch, 0);
        return array(ps);
      case SCALAR:
        expectChildren(ps, ch, 0);
        return Scalar.of(number(ps), requireShape(ps), name);
      case SYMBOL:
        expectChildren(ps, ch, 0);
        Shape shape = requireShape(ps);
        if (ps.extra.isEmpty()) {
          return Symbol.newWithNoneUuid(shape, name);
        }
        return ps.extra.equals(RANDOM) ? Symbol.newWithRandomUuid(shape, name)
            : Symbol.of(shape, uuid(ps), name);
      case ADD:
        expectNoExtra(ps);
        return Add.of(ch, name);
      case CONCAT:
        return Concat.of(ch, (int) integer(ps), name);
      case EINSUM:
        return einsum(ps, ch);
      case REARRANGE:
        expectChildren(ps, ch, 1);
        return Rearrange.of(ch.get(0), rearrangeSpec(ps), name);
      case INDEX:
        expectChildren(ps, ch, 1);
        return Index.of(ch.get(0), index(ps), name);
      case SCATTER:
        expectChildren(ps, ch, 1);
        return Scatter.of(ch.get(0), index(ps), requireShape(ps), name);
      case GENERAL_FUNCTION:
        GeneralFunctionSpec spec = GeneralFunctions.byName(ps.extra).orElseThrow(() -> fail(ps,
            Reason.UNKNOWN_GENERAL_FUNCTION, "no general function is named '" + ps.extra
                + "' (built-ins, or register one with GeneralFunctions.register)"));
        return GeneralFunction.of(spec, ch, name);
      case TAG:
        expectChildren(ps, ch, 1);
        return Tag.of(ch.get(0), uuid(ps), name);
      case DISCRETE_VAR:
        expectNoExtra(ps);
        expectChildren(ps, ch, 2);
        return DiscreteVar.of(ch.get(0), ch.get(1), name);
      case SET_SYMBOLIC_SHAPE:
        expectNoExtra(ps);
        expectChildren(ps, ch, 1);
        return SetSymbolicShape.of(ch.get(0), requireShape(ps), name);
      case MODULE:
        expectNoExtra(ps);
        if (ch.isEmpty()) {
          throw fail(ps, Reason.MODULE_WITHOUT_SPEC, "a Module needs its spec circuit as first child");
        }
        ModuleSpec ms = ModuleSpec.of(ch.get(0), ps.moduleArgSpecs,
            options.moduleCheckAllInputsUsed(), options.moduleCheckUniqueArgNames());
        return Module.of(ms, ch.subList(1, ch.size()), name);
      default:
        throw new IllegalStateException("unhandled variant " + ps.variant);
    }
  }

  private Circuit array(PartialCircuit ps) {
    boolean random = ps.extra.equals(RANDOM);
    if (!random && !ps.extra.isEmpty() && !HASH_PREFIX.matcher(ps.extra).matches()) {
      throw fail(ps, Reason.BAD_EXTRA, "expected a tensor hash prefix (1 to 64 hex digits, 24 as "
          + "printed) or 'rand' after Array, got '" + ps.extra + "'");
    }
    if (!random) {
      try {
        if (ps.extra.isEmpty()) {
          throw new TensorLookups.UnknownTensor("the Array line gives no tensor hash", null);
        }
        return TensorLookups.resolve(options.tensorLookup(), ps.extra);
      } catch (TensorLookups.UnknownTensor e) {
        if (options.tensorStandIns()) {
          return standIn(ps);
        }
        if (!options.tensorsAsRandom()) {
          throw new ParseException(Reason.UNKNOWN_TENSOR, ps.lineNumber, ps.lineText,
              e.getMessage(), e);
        }
      }
    }
    if (ps.shape == null) {
      throw fail(ps, Reason.MISSING_SHAPE, "a random Array needs its shape on the line");
    }
    long seed = options.randomSeed() ^ (ps.lineNumber * 0x9E3779B97F4A7C15L);
    return Array.randn(ps.shape, seed, ps.name);
  }

  private static Array standIn(PartialCircuit ps) {
    if (ps.shape == null) {
      throw fail(ps, Reason.MISSING_SHAPE, "a stand-in Array needs its shape on the line");
    }
    return TensorStandIns.of(ps.shape, ps.extra, ps.name);
  }

  private Einsum einsum(PartialCircuit ps, List<Circuit> ch) {
    String s = ps.extra;
    if (!s.startsWith("fancy:")) {
      return Einsum.fromString(s, List.of(ch.toArray(new Circuit[0])), ps.name);
    }
    List<int[]> inputs = new ArrayList<>();
    int[] out;
    try {
      out = FancyAxes.parseFancyEinsum(s.substring("fancy:".length()), inputs)[0];
    } catch (IllegalArgumentException e) {
      throw new ParseException(Reason.BAD_EXTRA, ps.lineNumber, ps.lineText, e.getMessage(), e);
    }
    if (inputs.size() == 1 && inputs.get(0).length == 0 && ch.isEmpty()) {
      inputs.clear();
    }
    if (inputs.size() != ch.size()) {
      throw fail(ps, Reason.WRONG_NUMBER_OF_CHILDREN, "fancy einsum '" + s + "' has "
          + inputs.size() + " operands but the line has " + ch.size() + " children");
    }
    List<Einsum.Arg> args = new ArrayList<>();
    for (int i = 0; i < ch.size(); i++) {
      args.add(new Einsum.Arg(ch.get(i), inputs.get(i)));
    }
    return Einsum.of(args, out, ps.name);
  }

  private dev.circuits.core.spec.TensorIndex index(PartialCircuit ps) {
    try {
      return TensorIndexText.parse(ps.extra, options.tensorLookup());
    } catch (TensorLookups.UnknownTensor e) {
      throw new ParseException(Reason.UNKNOWN_TENSOR, ps.lineNumber, ps.lineText, e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new ParseException(Reason.BAD_EXTRA, ps.lineNumber, ps.lineText, e.getMessage(), e);
    }
  }

  private static RearrangeSpec rearrangeSpec(PartialCircuit ps) {
    try {
      return RearrangeSpec.parse(ps.extra);
    } catch (ConstructException | IllegalArgumentException e) {
      throw new ParseException(Reason.BAD_EXTRA, ps.lineNumber, ps.lineText,
          "invalid rearrange spec '" + ps.extra + "': " + e.getMessage(), e);
    }
  }

  private static double number(PartialCircuit ps) {
    try {
      return ScalarFormat.parseDouble(ps.extra);
    } catch (NumberFormatException e) {
      throw new ParseException(Reason.BAD_EXTRA, ps.lineNumber, ps.lineText,
          "expected a number for the Scalar value, got '" + ps.extra + "'", e);
    }
  }

  private static long integer(PartialCircuit ps) {
    try {
      return ScalarFormat.parseLong(ps.extra);
    } catch (NumberFormatException e) {
      throw new ParseException(Reason.BAD_EXTRA, ps.lineNumber, ps.lineText,
          "expected an integer axis, got '" + ps.extra + "'", e);
    }
  }

  private static UUID uuid(PartialCircuit ps) {
    String s = ps.extra;
    if (UUID_SIMPLE.matcher(s).matches()) {
      s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
          + s.substring(16, 20) + "-" + s.substring(20);
    } else if (!UUID_HYPHENATED.matcher(s).matches()) {
      throw fail(ps, Reason.BAD_EXTRA, "expected a uuid, got '" + ps.extra + "'");
    }
    return UUID.fromString(s);
  }

  private static Shape requireShape(PartialCircuit ps) {
    if (ps.shape == null) {
      throw fail(ps, Reason.MISSING_SHAPE, "a " + ps.variant.displayName()
          + " needs its shape on the line, e.g. [2,3]");
    }
    return ps.shape;
  }

  private static void expectChildren(PartialCircuit ps, List<Circuit> ch, int n) {
    if (ch.size() != n) {
      throw fail(ps, Reason.WRONG_NUMBER_OF_CHILDREN, "a " + ps.variant.displayName()
          + " takes " + n + " children, found " + ch.size());
    }
  }

  private static void expectNoExtra(PartialCircuit ps) {
    if (!ps.extra.isEmpty()) {
      throw fail(ps, Reason.BAD_EXTRA, "a " + ps.variant.displayName()
          + " takes nothing after its variant, found '" + ps.extra + "'");
    }
  }

  private static ParseException fail(PartialCircuit ps, Reason reason, String detail) {
    return new ParseException(reason, ps.lineNumber, ps.lineText, detail);
  }
}
