/** Small helpers shared across modules: position arithmetic and text formatting. */
package dev.circuits.core.util;
