package dev.circuits.core.spec;

import dev.circuits.core.CircuitException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves printed general-function names to specs: built-ins plus user-registered specs. */
public final class GeneralFunctions {
  private static final Pattern GEN_INDEX =
      Pattern.compile("^gen_index_at_(-?\\d+)(_batch_x)?(_no_batch_index)?(_c)?$");
  private static final Pattern CAST = Pattern.compile(
      "^cast_from_\\{device:None,dtype:(\\w+)\\}_to_\\{device:None,dtype:(\\w+)\\}$");
  private static final Map<String, GeneralFunctionSpec> REGISTERED = new ConcurrentHashMap<>();

  private GeneralFunctions() {}

  /** Registers a user-defined spec under its {@link GeneralFunctionSpec#serializedName()}. */
  public static void register(GeneralFunctionSpec spec) {
    if (byNameBuiltin(spec.serializedName()).isPresent()) {
      throw new CircuitException("general function name '" + spec.serializedName()
          + "' is taken by a built-in");
    }
    REGISTERED.put(spec.serializedName(), spec);
  }

  /** The spec printed as {@code name} (its serialized name), if known. */
  public static Optional<GeneralFunctionSpec> byName(String name) {
    Optional<GeneralFunctionSpec> b = byNameBuiltin(name);
    return b.isPresent() ? b : Optional.ofNullable(REGISTERED.get(name));
  }

  private static Optional<GeneralFunctionSpec> byNameBuiltin(String name) {
    SimpleFunction f = SimpleFunction.byName(name);
    if (f != null) {
      return Optional.of(f);
    }
    Matcher m = GEN_INDEX.matcher(name);
    if (m.matches()) {
      long dim;
      try {
        dim = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return Optional.empty(); // an index dim beyond 64 bits names no function
      }
      return Optional.of(new GenIndexSpec(dim, m.group(2) != null, m.group(3) == null,
          m.group(4) != null));
    }
    Matcher c = CAST.matcher(name);
    if (c.matches()) {
      String from = c.group(1).equals("None") ? null : c.group(1);
      String to = c.group(2).equals("None") ? null : c.group(2);
      return Optional.of(new CastSpec(from, to));
    }
    return Optional.empty();
  }
}
