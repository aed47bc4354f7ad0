/**
 * REMIX day 5's IOI claims as runnable experiments: each {@link dev.circuits.ioi.claims.Claim}
 * runs its path-patching, knockout and attention experiments on a model and returns a {@link
 * dev.circuits.ioi.claims.Verdict} with its numbers; {@link dev.circuits.ioi.claims.ClaimsRun}
 * runs them in order, and each result's {@link dev.circuits.ioi.claims.ClaimReport} holds the
 * text, tables and figures (as data) that the command line's report writer turns into markdown
 * and HTML.
 */
package dev.circuits.ioi.claims;
