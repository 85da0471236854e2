package dev.m3search.codecs;

/**
 * The three representations of a text, each stored in its own field with its own format ({@link
 * LegRouting}) and scored by its own leg of a search: one dense vector, sparse weights (or lexical
 * terms), and ColBERT token vectors.
 */
public enum Leg {
  DENSE,
  SPARSE,
  COLBERT
}
