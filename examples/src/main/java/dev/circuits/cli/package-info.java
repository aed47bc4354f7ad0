/**
 * The {@code circuits} command line (picocli): subcommands to parse, print, hash, simplify and
 * evaluate {@code .circ} files, tokenize, download and write models, run GPT-2, build IOI
 * datasets, path-patch, scrub, run REMIX's IOI claims and benchmarks; errors are one {@code
 * error:} paragraph and exit code 1 or 2.
 */
package dev.circuits.cli;
