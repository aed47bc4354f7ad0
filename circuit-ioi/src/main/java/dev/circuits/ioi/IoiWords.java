package dev.circuits.ioi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * REMIX's word lists (99 NAMES, 8 PLACES, 8 OBJECTS in source order) and their GPT-2 token ids with a
 * leading space, read from the bundled {@code ioi-lists.json}, the single source of truth.
 */
public final class IoiWords {
  /** Classpath location of the bundled lists. */
  static final String RESOURCE = "/dev/circuits/ioi/ioi-lists.json";

  private static volatile IoiWords remix;

  private final ImmutableList<String> names;
  private final ImmutableList<String> places;
  private final ImmutableList<String> objects;
  private final ImmutableMap<String, Integer> tokenIds;
  private final ImmutableList<String> abbaTemplates;

  private IoiWords(Map<String, Object> json) {
    this.names = strings(json, "NAMES");
    Map<String, Integer> nameIds = ids(json, "NAME_TOKEN_IDS");
    Map<String, Integer> placeIds = ids(json, "PLACES");
    Map<String, Integer> objectIds = ids(json, "OBJECTS");
    this.places = ImmutableList.copyOf(placeIds.keySet());
    this.objects = ImmutableList.copyOf(objectIds.keySet());
    ImmutableMap.Builder<String, Integer> all = ImmutableMap.builder();
    all.putAll(nameIds).putAll(placeIds).putAll(objectIds);
    this.tokenIds = all.buildOrThrow();
    this.abbaTemplates = strings(json, "ABBA_TEMPLATES");
    for (String name : names) {
      if (!nameIds.containsKey(name)) {
        throw new IoiException(IoiException.Kind.RESOURCE, RESOURCE + ": NAME_TOKEN_IDS lacks name '" + name + "'");
      }
    }
  }

  /** REMIX's lists as bundled with this library (loaded once). */
  public static IoiWords remix() {
    IoiWords w = remix;
    if (w == null) {
      synchronized (IoiWords.class) {
        w = remix;
        if (w == null) {
          w = new IoiWords(readBundledJson());
          remix = w;
        }
      }
    }
    return w;
  }

  /** The parsed bundled JSON file (package-private: tests read fixtures from it). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readBundledJson() {
    try (InputStream in = IoiWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IoiException(IoiException.Kind.RESOURCE, "classpath resource " + RESOURCE + " is missing");
      }
      Object parsed = dev.circuits.core.internal.Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!(parsed instanceof Map)) {
        throw new IoiException(IoiException.Kind.RESOURCE, RESOURCE + ": expected a JSON object at top level");
      }
      return (Map<String, Object>) parsed;
    } catch (IOException | dev.circuits.core.io.JsonException e) {
      throw new IoiException(IoiException.Kind.RESOURCE, "cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static ImmutableList<String> strings(Map<String, Object> json, String key) {
    Object v = json.get(key);
    if (!(v instanceof List)) {
      throw new IoiException(IoiException.Kind.RESOURCE, RESOURCE + ": expected a list under '" + key + "'");
    }
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (Object o : (List<?>) v) {
      if (!(o instanceof String)) {
        throw new IoiException(IoiException.Kind.RESOURCE, RESOURCE + ": expected strings in '" + key + "', got " + o);
      }
      out.add((String) o);
    }
    return out.build();
  }

  private static Map<String, Integer> ids(Map<String, Object> json, String key) {
    Object v = json.get(key);
    if (!(v instanceof Map)) {
      throw new IoiException(IoiException.Kind.RESOURCE, RESOURCE + ": expected an object under '" + key + "'");
    }
    ImmutableMap.Builder<String, Integer> out = ImmutableMap.builder();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
      if (!(e.getValue() instanceof Long)) {
        throw new IoiException(IoiException.Kind.RESOURCE,
            RESOURCE + ": expected an integer token id for '" + e.getKey() + "' in '" + key + "'");
      }
      out.put((String) e.getKey(), Math.toIntExact((Long) e.getValue()));
    }
    return out.buildOrThrow();
  }

  /** The 99 names in REMIX's source order (the order matters for seeded sampling). */
  public List<String> names() {
    return names;
  }

  /** The 8 places in source order. */
  public List<String> places() {
    return places;
  }

  /** The 8 objects in source order. */
  public List<String> objects() {
    return objects;
  }

  /** REMIX's active ABBA template list (one template). */
  public List<String> abbaTemplates() {
    return abbaTemplates;
  }

  /** True if {@code word} is one of the names. */
  public boolean isName(String word) {
    return names.contains(word);
  }

  /** The GPT-2 token id of {@code " " + word} for a name, place or object. */
  public int tokenId(String word) {
    Integer id = tokenIds.get(word);
    if (id == null) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY,
          "'" + word + "' is not one of the bundled names, places or objects");
    }
    return id;
  }
}
