/**
 * Short runnable programs, one per README section, that explain themselves as they run: build,
 * print, parse and evaluate a circuit; match and rewrite it; run GPT-2; scrub a hypothesis;
 * sweep path patching; test an IOI claim. {@link dev.circuits.examples.Examples} lists them and
 * runs one by name ({@code ./circuits example NAME}).
 */
package dev.circuits.examples;
