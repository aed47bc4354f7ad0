/**
 * Small helpers shared across modules: a Python-compatible Mersenne Twister ({@link
 * dev.circuits.core.util.PythonRandom}) for datasets that must match Python's, position
 * arithmetic and text formatting.
 */
package dev.circuits.core.util;
