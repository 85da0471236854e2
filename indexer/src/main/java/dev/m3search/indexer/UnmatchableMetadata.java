package dev.m3search.indexer;

import dev.m3search.engine.index.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata values of a corpus too long for any filter to match ({@link Filters#matchable}):
 * they are stored with their documents, not indexed, which the input check reports per key.
 */
public final class UnmatchableMetadata {
  /** A key with {@code count} such values, the first on {@code firstLine}. */
  public record Key(String key, long firstLine, long count) {
    /**
     * For example: {@code corpus.jsonl: metadata key "abstract" has 2 values longer than a keyword
     * can be (32,766 bytes of UTF-8), first at line 7: stored with the documents, matched by no filter}.
     */
    public String describe(Path file) {
      return String.format(
          "%s: metadata key \"%s\" has %,d value%s longer than a keyword can be (%,d bytes of UTF-8), first at line %d:"
              + " stored with the documents, matched by no filter",
          file, key, count, count == 1 ? "" : "s", Filters.MAX_VALUE_BYTES, firstLine);
    }
  }

  private final Map<String, long[]> firstLineAndCount = new LinkedHashMap<>();

  /** Notes the values of one document's normalised metadata, read from {@code line}. */
  void add(long line, Map<String, ?> metadata) {
    metadata.forEach(
        (key, value) -> {
          for (Object scalar : value instanceof List<?> list ? list : List.of(value)) {
            if (scalar instanceof String text && !Filters.matchable(text)) {
              firstLineAndCount.computeIfAbsent(key, k -> new long[] {line, 0})[1]++;
            }
          }
        });
  }

  /** The keys with such values, in the order of their first. */
  List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    firstLineAndCount.forEach((key, lineAndCount) -> keys.add(new Key(key, lineAndCount[0], lineAndCount[1])));
    return keys;
  }
}
