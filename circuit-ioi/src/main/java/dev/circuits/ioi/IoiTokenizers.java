package dev.circuits.ioi;

import dev.circuits.gpt2.Gpt2Tokenizer;
import java.util.List;
import java.util.Objects;

/** {@link IoiTokenizer}s backed by {@link Gpt2Tokenizer}. */
public final class IoiTokenizers {
  private static volatile IoiTokenizer bundled;

  private IoiTokenizers() {}

  /** The bundled GPT-2 tokenizer (loaded once and shared; it lives as long as the JVM). */
  public static IoiTokenizer gpt2() {
    IoiTokenizer t = bundled;
    if (t == null) {
      synchronized (IoiTokenizers.class) {
        t = bundled;
        if (t == null) {
          t = of(Gpt2Tokenizer.bundled());
          bundled = t;
        }
      }
    }
    return t;
  }

  /** Adapts a GPT-2 tokenizer the caller owns (and closes). */
  public static IoiTokenizer of(Gpt2Tokenizer tokenizer) {
    Objects.requireNonNull(tokenizer, "tokenizer");
    return new IoiTokenizer() {
      @Override
      public int[] encode(String text) {
        return tokenizer.encode(text);
      }

      @Override
      public List<String> tokenStrings(int[] ids) {
        return tokenizer.tokenStrings(ids);
      }

      @Override
      public String toString() {
        return "IoiTokenizer[" + tokenizer + "]";
      }
    };
  }
}
