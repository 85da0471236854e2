/** The {@code m3} field type: a text's dense vector, sparse weights and token vectors in one field. */
package dev.m3search.elasticsearch.mapper;
