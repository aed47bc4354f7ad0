/**
 * REMIX's path patching: inputs reached along matched paths get patch data, all others baseline
 * data ({@link dev.circuits.scrubbing.patching.PathPatching}); sweeps of many extenders evaluated
 * as one circuit, direct-path matchers on the position-split GPT-2 circuit, and REMIX's {@code
 * extend_corr}.
 */
package dev.circuits.scrubbing.patching;
