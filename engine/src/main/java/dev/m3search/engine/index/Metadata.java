package dev.m3search.engine.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata of a document, normalised: keys of nested maps are joined with dots, and every value
 * is a {@link String}, a {@link Long}, a {@link Double} or a {@link Boolean}, or a list of those
 * for a key given an array (a multi-valued field). Nulls are dropped.
 */
final class Metadata {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Metadata() {}

  static Map<String, Object> normalize(Map<String, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Object>> values = new LinkedHashMap<>();
    Set<String> multiValued = new HashSet<>();
    metadata.forEach((key, value) -> flatten(key, value, false, values, multiValued));
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (key, list) -> {
          if (multiValued.contains(key) || list.size() > 1) {
            out.put(key, List.copyOf(list));
          } else if (!list.isEmpty()) {
            out.put(key, list.get(0));
          }
        });
    return Collections.unmodifiableMap(out);
  }

  private static void flatten(
      String key, Object value, boolean inArray, Map<String, List<Object>> out, Set<String> multiValued) {
    if (value == null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> flatten(key + "." + k, v, inArray, out, multiValued));
    } else if (value instanceof Collection<?> collection) {
      multiValued.add(key);
      out.computeIfAbsent(key, k -> new ArrayList<>());
      collection.forEach(v -> flatten(key, v, true, out, multiValued));
    } else if (value instanceof Object[] array) {
      flatten(key, List.of(array), inArray, out, multiValued);
    } else {
      if (inArray) {
        multiValued.add(key);
      }
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(scalar(value));
    }
  }

  private static Object scalar(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : (Object) big.doubleValue();
    }
    if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Boolean || value instanceof String) {
      return value;
    }
    return value.toString();
  }

  /** Every value of {@code value} (a scalar or a list of scalars). */
  static List<Object> values(Object value) {
    return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
  }

  /** The text a value is matched by in an equality filter. */
  static String text(Object scalar) {
    return scalar.toString();
  }

  static String toJson(Map<String, Object> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads what {@link #toJson} wrote; numbers come back as Long or Double. */
  static Map<String, Object> fromJson(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return normalize(JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored metadata is not valid JSON: " + e.getMessage(), e);
    }
  }
}
