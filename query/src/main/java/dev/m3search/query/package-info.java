/**
 * Query-time code of m3search: the sparse-leg queries over impact postings, MaxSim late
 * interaction, fusion of the leg scores and the hybrid search pipeline that ties them together.
 */
package dev.m3search.query;
