package dev.circuits.ioi.scrub;

import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.PromptMetadata;
import dev.circuits.scrubbing.DataSource;
import dev.circuits.scrubbing.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generators of fresh IOI prompts for on-the-fly conditional sampling (REMIX's CondSampler demo):
 * each takes a reference batch and returns one new prompt per reference prompt, encoded like it.
 * Names are drawn uniformly from the word list with the experiment's generator.
 */
public final class IoiDataSources {
  private IoiDataSources() {}

  /** Same template, S, place, object and positions; only the IO name changes (to a name not IO or S). */
  public static DataSource newIoSameTemplate(IoiScrubData data) {
    return new NewIo(data);
  }

  /** Same IO and S names (and place, object), another template. */
  public static DataSource sameNamesOtherTemplate(IoiScrubData data) {
    return new OtherTemplate(data);
  }

  /** Same IO name; S, template, place and object drawn afresh (S differs from IO). */
  public static DataSource sameIo(IoiScrubData data) {
    return new SameIo(data);
  }

  private static String otherName(IoiScrubData data, RandomGenerator rng, String... avoid) {
    List<String> names = data.names();
    while (true) {
      String n = names.get(rng.nextInt(names.size()));
      if (!List.of(avoid).contains(n)) {
        return n;
      }
    }
  }

  private record NewIo(IoiScrubData data) implements DataSource {
    @Override
    public Dataset generate(Dataset ref, RandomGenerator rng) {
      List<PromptMetadata> out = new ArrayList<>();
      for (PromptMetadata m : data.decode(ref)) {
        out.add(m.withIo(otherName(data, rng, m.io(), m.s())));
      }
      return data.encode(out, IoiScrubData.width(ref));
    }

    @Override
    public String toString() {
      return "IOI(new IO, same template)";
    }
  }

  private record OtherTemplate(IoiScrubData data) implements DataSource {
    private static final int TRIES_PER_TEMPLATE = 4;

    @Override
    public Dataset generate(Dataset ref, RandomGenerator rng) {
      int templates = data.numTemplates();
      if (templates < 2) {
        throw new IoiException(IoiException.Kind.INVALID_VARIANT, "another template needs a "
            + "context with at least two templates, it has " + templates);
      }
      int width = IoiScrubData.width(ref);
      List<PromptMetadata> refs = data.decode(ref);
      List<PromptMetadata> out = new ArrayList<>(refs);
      List<Integer> todo = new ArrayList<>();
      for (int i = 0; i < refs.size(); i++) {
        todo.add(i);
      }
      for (int attempt = 0; !todo.isEmpty(); attempt++) {
        if (attempt == TRIES_PER_TEMPLATE * templates) {
          throw new IoiException(IoiException.Kind.INVALID_VARIANT, "no other template fits "
              + "prompt " + todo.get(0) + " in " + width + " tokens");
        }
        for (int i : todo) {
          PromptMetadata m = refs.get(i);
          int t = rng.nextInt(templates - 1);
          t = t >= m.templateIdx() ? t + 1 : t;
          out.set(i, PromptMetadata.ioi(m.io(), m.s(), t, m.place(), m.object(),
              data.orderOf(t)));
        }
        int[] lengths = data.lengths(out);
        todo.removeIf(i -> lengths[i] <= width);
      }
      return data.encode(out, width);
    }

    @Override
    public String toString() {
      return "IOI(same names, other template)";
    }
  }

  private record SameIo(IoiScrubData data) implements DataSource {
    @Override
    public Dataset generate(Dataset ref, RandomGenerator rng) {
      int width = IoiScrubData.width(ref);
      List<String> places = data.context().words().places();
      List<String> objects = data.context().words().objects();
      List<PromptMetadata> refs = data.decode(ref);
      List<PromptMetadata> out = new ArrayList<>();
      for (PromptMetadata m : refs) {
        int t = rng.nextInt(data.numTemplates());
        out.add(PromptMetadata.ioi(m.io(), otherName(data, rng, m.io()), t,
            places.get(rng.nextInt(places.size())), objects.get(rng.nextInt(objects.size())),
            data.orderOf(t)));
      }
      int[] lengths = data.lengths(out);
      for (int i = 0; i < out.size(); i++) {
        if (lengths[i] > width) {
          // too long for the batch: keep the reference's template, place and object (they fit)
          out.set(i, refs.get(i).withS(out.get(i).s()));
        }
      }
      return data.encode(out, width);
    }

    @Override
    public String toString() {
      return "IOI(same IO)";
    }
  }
}
