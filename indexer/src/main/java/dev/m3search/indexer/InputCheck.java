package dev.m3search.indexer;

import dev.m3search.engine.analysis.CorpusLanguages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of reading a whole corpus file before anything is encoded: every bad line, and how
 * many documents, empty documents and repeated ids it holds. Parsing only; no model is involved, so
 * a bad line at the end of a large file is found in seconds, not after hours of encoding.
 *
 * @param documents valid lines (documents to index, replacements included)
 * @param emptyDocuments valid documents with no title and no text
 * @param duplicates valid lines whose {@code _id} appeared on an earlier valid line (the later wins)
 * @param badLines every line that cannot be indexed, in file order
 * @param metadataKeys every metadata key with a value, with the first line of each kind of value it holds
 * @param unmatchable the metadata keys with values too long to be matched by a filter
 * @param languages the language of each valid document, as the lexical leg's analysis is chosen
 */
public record InputCheck(
    long documents,
    long emptyDocuments,
    long duplicates,
    List<BadInputException> badLines,
    List<MetadataKinds.KeyKinds> metadataKeys,
    List<UnmatchableMetadata.Key> unmatchable,
    CorpusLanguages languages) {

  public InputCheck {
    badLines = List.copyOf(badLines);
    metadataKeys = List.copyOf(metadataKeys);
    unmatchable = List.copyOf(unmatchable);
  }

  /** Reads {@code file} to its end; duplicate ids are told to {@code listener} as warnings. */
  public static InputCheck of(Path file, IndexingListener listener) throws IOException {
    long documents = 0;
    long empty = 0;
    long duplicates = 0;
    List<BadInputException> bad = new ArrayList<>();
    Map<String, Long> firstLineById = new HashMap<>();
    MetadataKinds kinds = new MetadataKinds();
    UnmatchableMetadata tooLong = new UnmatchableMetadata();
    CorpusLanguages languages = new CorpusLanguages();
    try (CorpusReader reader = new CorpusReader(file)) {
      while (true) {
        CorpusLine line;
        try {
          line = reader.next();
        } catch (BadInputException e) {
          bad.add(e);
          continue;
        }
        if (line == null) {
          break;
        }
        documents++;
        if (line.document().isEmpty()) {
          empty++;
        }
        kinds.add(line.line(), line.document().metadata());
        tooLong.add(line.line(), line.document().metadata());
        languages.add(line.document().title(), line.document().text());
        Long first = firstLineById.putIfAbsent(line.document().id(), line.line());
        if (first != null) {
          duplicates++;
          listener.warn(
              file + ":" + line.line() + ": duplicate _id \"" + line.document().id() + "\" (first on line " + first
                  + "); this line replaces it");
        }
      }
    }
    return new InputCheck(documents, empty, duplicates, bad, kinds.keys(), tooLong.keys(), languages);
  }

  /**
   * The metadata keys holding values of several kinds (numbers, strings, booleans): each is
   * indexed, but range filters see only its numbers, so the check reports them.
   */
  public List<MetadataKinds.KeyKinds> mixedKinds() {
    return metadataKeys.stream().filter(MetadataKinds.KeyKinds::mixed).toList();
  }

  /**
   * The metadata keys that an index keeping numbers in the keyword fields cannot take, given
   * whether each of its keys' fields holds numbers.
   */
  public List<MetadataKinds.KeyKinds> sharedFieldConflicts(Map<String, Boolean> holdsNumbers) {
    return metadataKeys.stream().filter(k -> k.conflictsWithSharedField(holdsNumbers.get(k.key()))).toList();
  }

  public boolean hasBadLines() {
    return !badLines.isEmpty();
  }

  /** The numbers of the bad lines. */
  public Set<Long> badLineNumbers() {
    Set<Long> lines = new HashSet<>();
    badLines.forEach(e -> lines.add(e.line()));
    return Collections.unmodifiableSet(lines);
  }
}
