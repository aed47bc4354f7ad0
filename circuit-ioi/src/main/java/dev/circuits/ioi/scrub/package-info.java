/**
 * IOI data for causal scrubbing: IOI prompts as a scrubbing dataset with their labels and
 * condition columns ({@link dev.circuits.ioi.scrub.IoiScrubData}), features to condition on, and
 * on-the-fly samplers that generate fresh prompts differing only where a hypothesis allows.
 */
package dev.circuits.ioi.scrub;
