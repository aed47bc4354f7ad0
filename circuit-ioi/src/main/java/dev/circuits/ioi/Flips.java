package dev.circuits.ioi;

import dev.circuits.core.internal.PythonRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** REMIX's {@code gen_flipped_prompts}: edits a copy of the metadata, then builds a new dataset from it. */
final class Flips {
  private static final Set<Flip> IOI_FLIPS = EnumSet.of(Flip.IO, Flip.S1, Flip.S2, Flip.ORDER, Flip.S);
  private static final Set<Flip> ABC_FLIPS = EnumSet.of(Flip.IO1, Flip.IO2, Flip.S, Flip.ORDER);

  private Flips() {}

  static IoiDataset apply(IoiDataset ds, Flip flip) {
    PromptFamily family = ds.family();
    Set<Flip> legal = family == PromptFamily.IOI ? IOI_FLIPS : ABC_FLIPS;
    if (!legal.contains(flip)) {
      throw new IoiException(IoiException.Kind.ILLEGAL_FLIP, "flip " + flip.remixName() + " is illegal for prompt"
          + " family " + family + "; expected one of " + names(legal));
    }
    if (flip == Flip.ORDER && family == PromptFamily.ABC) {
      throw new IoiException(IoiException.Kind.ILLEGAL_FLIP,
          "flip order is not implemented for the ABC family (REMIX raises NotImplementedError); expected an IOI dataset");
    }
    IoiRng rng = ds.rng();
    synchronized (rng) {
      PythonRandom random = rng.random();
      List<String> names = ds.words().names();
      List<PromptMetadata> edited = new ArrayList<>(ds.size());
      PromptType newType = ds.promptType();
      for (PromptMetadata m : ds.metadata()) {
        switch (flip) {
          case IO:
            edited.add(redraw(m, names, random, m::withIo));
            break;
          case S:
            edited.add(redraw(m, names, random, m::withS));
            break;
          case IO1:
            edited.add(redraw(m, names, random, m::withIo1));
            break;
          case IO2:
            edited.add(redraw(m, names, random, m::withIo2));
            break;
          case S1: {
            PromptMetadata abc = m.asAbc(m.io(), m.io(), m.s());
            edited.add(redraw(abc, names, random, abc::withIo2));
            break;
          }
          case S2: {
            PromptMetadata abc = m.asAbc(m.io(), m.s(), m.s());
            edited.add(redraw(abc, names, random, abc::withS));
            break;
          }
          default:
            edited.add(m.withTemplateIdx(flippedTemplateIdx(m.templateIdx(), ds.promptType(), ds.nbTemplates())));
        }
      }
      if (flip == Flip.ORDER) {
        newType = ds.promptType().flipped();
      }
      return ds.toBuilder()
          .promptType(newType)
          .seed(IoiDataset.DEFAULT_SEED)
          .metadata(edited)
          .build();
    }
  }

  /** Sets the field to choice(NAMES) until the names are pairwise distinct (may keep the old name). */
  private static PromptMetadata redraw(PromptMetadata m, List<String> names, PythonRandom random,
      Function<String, PromptMetadata> setter) {
    PromptMetadata out = setter.apply(random.choice(names));
    while (out.namesAreNotDistinct()) {
      out = setter.apply(random.choice(names));
    }
    return out;
  }

  /** REMIX's {@code find_flipped_template_idx}: same index for pure types; mixed swaps the two halves. */
  static int flippedTemplateIdx(int idx, PromptType type, int nbTemplates) {
    if (type != PromptType.MIXED) {
      return idx;
    }
    int half = nbTemplates / 2;
    return idx < half ? idx + half : idx - half;
  }

  private static String names(Set<Flip> flips) {
    List<String> out = new ArrayList<>();
    for (Flip f : flips) {
      out.add(f.remixName());
    }
    return String.join(", ", out);
  }
}
