/**
 * Sampling of DiscreteVars: {@link dev.circuits.core.sample.Sampler} replaces every DiscreteVar
 * by concrete rows of its values, all rows of each group as a leading batch axis ({@code runAll})
 * or seeded random rows ({@code random}), sampling vars of one group jointly.
 */
package dev.circuits.core.sample;
