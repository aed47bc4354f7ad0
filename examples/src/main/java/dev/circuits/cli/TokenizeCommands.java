package dev.circuits.cli;

import dev.circuits.gpt2.Gpt2Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits tokenize} and {@code circuits detokenize} with GPT-2's tokenizer. */
final class TokenizeCommands {
  private TokenizeCommands() {}

  private static Gpt2Tokenizer open(Path tokenizerJson) {
    return tokenizerJson == null ? Gpt2Tokenizer.bundled() : Gpt2Tokenizer.fromFile(tokenizerJson);
  }

  /** {@code circuits tokenize --text T}: token ids as a JSON array. */
  @Command(name = "tokenize", mixinStandardHelpOptions = true,
      description = "Print the GPT-2 token ids of TEXT as a JSON array (no special tokens added; "
          + "the literal <|endoftext|> is 50256).")
  static final class Tokenize implements Callable<Integer> {
    @Option(names = "--text", required = true, description = "Text to encode.")
    String text;

    @Option(names = "--tokenizer", paramLabel = "TOKENIZER_JSON",
        description = "A tokenizer.json (default: GPT-2's, bundled).")
    Path tokenizer;

    @Override
    public Integer call() {
      try (Gpt2Tokenizer tok = open(tokenizer)) {
        int[] ids = tok.encode(text);
        System.out.println(Arrays.stream(ids).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ", "[", "]")));
      }
      return 0;
    }
  }

  /** {@code circuits detokenize --ids 1,2,3}: the decoded text. */
  @Command(name = "detokenize", mixinStandardHelpOptions = true,
      description = "Decode comma-separated GPT-2 token ids to text.")
  static final class Detokenize implements Callable<Integer> {
    @Option(names = "--ids", required = true, split = ",", description = "Token ids, e.g. 1,2,3.")
    int[] ids;

    @Option(names = "--tokenizer", paramLabel = "TOKENIZER_JSON",
        description = "A tokenizer.json (default: GPT-2's, bundled).")
    Path tokenizer;

    @Override
    public Integer call() {
      try (Gpt2Tokenizer tok = open(tokenizer)) {
        System.out.println(tok.decode(ids));
      }
      return 0;
    }
  }
}
