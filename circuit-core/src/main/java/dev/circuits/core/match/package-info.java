/**
 * rust_circuit's traversal machinery: {@link dev.circuits.core.match.Matcher} (predicates on one
 * node), {@link dev.circuits.core.match.IterativeMatcher} (path-sensitive traversals with
 * restrictions and chains), and what uses them: getting nodes and paths, post-order updates that
 * rewrite only along matched paths, and expanders whose replacements may add batch dimensions.
 */
package dev.circuits.core.match;
