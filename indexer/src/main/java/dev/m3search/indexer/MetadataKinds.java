package dev.m3search.indexer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds of value each metadata key holds across a corpus, with the line each kind first
 * appears on. Any mix indexes: every value is a keyword, and numbers are also points for ranges.
 * But a range filter then sees only some of a key's values, which the input check reports.
 */
public final class MetadataKinds {
  /** What a filter makes of a value. */
  public enum Kind {
    NUMBER("numbers"),
    STRING("strings"),
    BOOLEAN("booleans");

    private final String plural;

    Kind(String plural) {
      this.plural = plural;
    }

    static Kind of(Object scalar) {
      return scalar instanceof Number ? NUMBER : scalar instanceof Boolean ? BOOLEAN : STRING;
    }
  }

  /** The kinds one key holds; {@code firstLines} in the order the kinds appeared. */
  public record KeyKinds(String key, Map<Kind, Long> firstLines) {
    /** Whether the key holds values of more than one kind. */
    public boolean mixed() {
      return firstLines.size() > 1;
    }

    /** Whether range filters see only some of the key's values. */
    public boolean mixesNumbers() {
      return mixed() && firstLines.containsKey(Kind.NUMBER);
    }

    /**
     * Whether the key cannot be added to an index that keeps numbers in the keyword field, where
     * the key's field {@code holdsNumbers} (null: the index has no such key): a field either holds
     * a number in every document that has it or in none.
     */
    public boolean conflictsWithSharedField(Boolean holdsNumbers) {
      return mixesNumbers() || (holdsNumbers != null && holdsNumbers != firstLines.containsKey(Kind.NUMBER));
    }

    /**
     * For example: {@code corpus.jsonl: metadata key "year" holds numbers (first at line 1) and
     * strings (first at line 2); strings are matched as keywords only, range filters see the numbers}.
     */
    public String describe(Path file) {
      List<String> kinds = new ArrayList<>();
      firstLines.forEach((kind, line) -> kinds.add(kind.plural + " (first at line " + line + ")"));
      return file + ": metadata key \"" + key + "\" holds " + and(kinds) + "; " + consequence();
    }

    private String consequence() {
      if (!mixesNumbers()) {
        return "all are matched as keywords";
      }
      List<String> others = firstLines.keySet().stream().filter(k -> k != Kind.NUMBER).map(k -> k.plural).toList();
      return and(others) + " are matched as keywords only, range filters see the numbers";
    }

    private static String and(List<String> parts) {
      int last = parts.size() - 1;
      return last == 0 ? parts.get(0) : String.join(", ", parts.subList(0, last)) + " and " + parts.get(last);
    }
  }

  private final Map<String, Map<Kind, Long>> firstLines = new LinkedHashMap<>();

  /** Notes the values of one document's normalised metadata, read from {@code line}. */
  void add(long line, Map<String, ?> metadata) {
    metadata.forEach(
        (key, value) -> {
          Map<Kind, Long> kinds = firstLines.computeIfAbsent(key, k -> new EnumMap<>(Kind.class));
          if (value instanceof List<?> list) {
            list.forEach(scalar -> kinds.putIfAbsent(Kind.of(scalar), line));
          } else {
            kinds.putIfAbsent(Kind.of(value), line);
          }
        });
  }

  /** Every key with a value, in the order the keys first appeared. */
  List<KeyKinds> keys() {
    List<KeyKinds> keys = new ArrayList<>();
    firstLines.forEach(
        (key, kinds) -> {
          if (!kinds.isEmpty()) {
            Map<Kind, Long> byLine = new LinkedHashMap<>();
            kinds.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> byLine.put(e.getKey(), e.getValue()));
            keys.add(new KeyKinds(key, Collections.unmodifiableMap(byLine)));
          }
        });
    return keys;
  }
}
