package dev.circuits.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Converts file and folder arguments: an empty value is refused (it would mean the working
 * directory) as is one the file system cannot name; both are usage errors (exit code 2).
 */
final class PathArg implements CommandLine.ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    if (value.isBlank()) {
      throw new CommandLine.TypeConversionException("an empty path names no file or folder");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a valid path: "
          + e.getReason());
    }
  }
}
