/**
 * Float vector arithmetic whose results do not change while the JVM runs.
 *
 * <p>The vector API leaves the order of a floating-point {@code ADD} reduction open, "which may
 * even vary over time" ({@code FloatVector.reduceLanes}): the interpreter and the JIT-compiled
 * code of one dot product can differ in the last bit. Two equal documents then score apart, and
 * the same search can order them differently twice in a row. Scores that rank or fuse documents
 * are computed here instead: lane-wise multiply-add is exactly rounded either way, and the lanes
 * are summed in a fixed order.
 *
 * <p>{@link dev.m3search.codecs.vectors.CpuFeatures} names the vector instructions the JIT may use
 * in this JVM (the CPU's, capped by {@code -XX:UseAVX}), which {@code info} and {@code bench}
 * print beside each mode's MaxSim kernel.
 */
package dev.m3search.codecs.vectors;
