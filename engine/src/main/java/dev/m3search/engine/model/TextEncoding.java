package dev.m3search.engine.model;

import java.util.Map;

/**
 * The three representations of one text.
 *
 * @param dense L2-normalised dense vector
 * @param sparseWeights learned weight per token id (m3 layout); null when the model has no sparse
 *     head, in which case the sparse leg is lexical
 * @param tokenVectors L2-normalised vector per token (ColBERT)
 * @param truncated whether the text was cut to the model's maximum length
 */
public record TextEncoding(
    float[] dense, Map<Integer, Float> sparseWeights, float[][] tokenVectors, boolean truncated) {}
