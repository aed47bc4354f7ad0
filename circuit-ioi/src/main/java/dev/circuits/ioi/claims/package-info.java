/**
 * REMIX day 5's IOI claims as runnable experiments: each {@link dev.circuits.ioi.claims.Claim}
 * runs its path-patching, knockout and attention experiments on a model and returns a {@link
 * dev.circuits.ioi.claims.Verdict} with its numbers; {@link dev.circuits.ioi.claims.ClaimsRun}
 * runs them in order and {@link dev.circuits.ioi.claims.ReportWriter} writes the markdown and
 * HTML report.
 */
package dev.circuits.ioi.claims;
