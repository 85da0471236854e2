package dev.m3search.query;

/** The three representations of a text. */
public enum Leg {
  DENSE,
  SPARSE,
  COLBERT
}
