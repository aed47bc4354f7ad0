package dev.circuits.core.library;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.text.ParseException;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rust_circuit model file (module_library's {@code dump_model_string} /
 * {@code load_transformer_model_string}): a {@code # info:{json}} line, then circuits printed with
 * the module library's circuits as reference circuits. REMIX's files hold {@code t.w.tok_embeds},
 * {@code t.w.pos_embeds} and {@code t.bind_w}, the library transformer with its weights bound.
 *
 * <pre>{@code
 * ModelFile f = ModelFile.read(path, ParserOptions.defaults().withTensorLookup(store::load));
 * Module call = f.info().bindToInputTokens(f.get("t.bind_w"), tokens,
 *     f.get("t.w.tok_embeds"), f.get("t.w.pos_embeds"));
 * }</pre>
 */
public record ModelFile(TransformerInfo info, String infoJson, Map<String, Circuit> circuits,
    LibraryCircuits library) {

  /** The prefix of a model file's first line. */
  public static final String INFO_PREFIX = "# info:";
  /** The name of the library transformer with its weights bound. */
  public static final String BOUND_WEIGHTS = "t.bind_w";

  /** Copies the circuit map. */
  public ModelFile {
    circuits = Collections.unmodifiableMap(new LinkedHashMap<>(circuits));
  }

  /** Reads and parses a model file; {@code options} supply the tensor lookup (or random tensors). */
  public static ModelFile read(Path file, ParserOptions options) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text, options);
    } catch (ModelFileException | ParseException e) {
      throw new ModelFileException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses model-file text: the info line gives the transformer whose library circuits are added
   * to {@code options}' reference circuits; the file's root circuits are returned by name.
   */
  public static ModelFile parse(String text, ParserOptions options) {
    String s = text.strip();
    if (!s.startsWith(INFO_PREFIX)) {
      throw new ModelFileException("a model file starts with '" + INFO_PREFIX + "{json}', found '"
          + s.lines().findFirst().orElse("") + "'");
    }
    int newline = s.indexOf('\n');
    String json = (newline < 0 ? s : s.substring(0, newline)).substring(INFO_PREFIX.length());
    TransformerInfo info = TransformerInfo.fromJson(json);
    ModuleLibrary.registerGeneralFunctions();
    LibraryCircuits library = info.params().get().circuits();
    Map<String, Circuit> refs = new LinkedHashMap<>(library.asMap());
    refs.putAll(options.referenceCircuits());
    Parser parser = new Parser(options.withReferenceCircuits(refs));
    Map<String, Circuit> roots = new LinkedHashMap<>();
    for (Circuit c : parser.parseCircuits(s)) {
      roots.put(c.name(), c);
    }
    return new ModelFile(info, json, roots, library);
  }

  /**
   * module_library's {@code dump_model_string}: the info line and {@code circuits} printed with the
   * transformer's library circuits as reference circuits, ending with a newline. {@code options}
   * may carry a tensor sink (e.g. {@code store::save}) to store every Array printed.
   */
  public static String dump(TransformerInfo info, PrintOptions options, List<Circuit> circuits) {
    Map<Circuit, String> names = new LinkedHashMap<>();
    info.params().get().circuits().asMap().forEach((name, c) -> names.put(c, name));
    Map<String, Circuit> refs = new LinkedHashMap<>();
    names.forEach((c, name) -> refs.put(name, c));
    String body = Printer.repr(options.withReferenceCircuits(refs), circuits);
    return INFO_PREFIX + info.toJson() + "\n" + body + "\n";
  }

  /** The root circuit named {@code name}; throws when the file has none. */
  public Circuit get(String name) {
    Circuit c = circuits.get(name);
    if (c == null) {
      throw new ModelFileException("the model file has no root circuit named '" + name
          + "' (it has " + circuits.keySet() + ")");
    }
    return c;
  }

  /**
   * The weights: every Array the file's roots name directly or bind in {@link #BOUND_WEIGHTS}
   * (e.g. {@code t.w.tok_embeds}, {@code a0.w.q_arr}), by Array name, in file order.
   */
  public Map<String, Array> weights() {
    Map<String, Array> out = new LinkedHashMap<>();
    for (Circuit c : circuits.values()) {
      if (c instanceof Array a) {
        out.put(a.name(), a);
      } else if (c instanceof Module m) {
        for (Circuit arg : m.args()) {
          if (arg instanceof Array a) {
            out.put(a.name(), a);
          }
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The same file printed again ({@link #dump} of this file's roots). */
  public String dump(PrintOptions options) {
    return dump(info, options, List.copyOf(circuits.values()));
  }
}
