package dev.m3search.cli;

import dev.m3search.engine.analysis.LexicalLanguage;
import dev.m3search.engine.index.IndexConfig;
import dev.m3search.engine.index.M3Index;
import dev.m3search.engine.index.MetadataLayout;
import dev.m3search.engine.index.StorageModes;
import dev.m3search.engine.model.M3Encoder;
import dev.m3search.indexer.BadInputException;
import dev.m3search.indexer.CorpusIndexer;
import dev.m3search.indexer.CorpusReader;
import dev.m3search.indexer.ErrorPolicy;
import dev.m3search.indexer.IndexingSummary;
import dev.m3search.indexer.InputCheck;
import dev.m3search.query.SparseKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "index",
    description = {
      "Encode a BEIR corpus (JSONL, optionally .gz) and add it to an index; a document whose _id exists replaces it.",
      "The whole input is checked first, before the model is loaded: every bad line is reported at once."
    })
final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "corpus.jsonl or corpus.jsonl.gz: _id, title, text; other keys become metadata.")
  Path input;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder, created when missing.")
  Path index;

  @Mixin StorageModeOptions modes; // a leg not named keeps the index's mode (a new index: float32 dense, 2bit tokens)

  @Option(names = "--on-error", paramLabel = "fail|skip", description = "On bad lines: fail (report them all, index nothing) or skip (report them, index the rest). Default: ${DEFAULT-VALUE}.")
  String onError = "fail";

  @Option(names = "--commit-every", paramLabel = "N", description = "Commit every N documents (default: ${DEFAULT-VALUE}).")
  long commitEvery = 10_000;

  @Option(names = "--language", paramLabel = "CODE|auto", description = {
      "The lexical leg's analysis: an ISO 639-1 code (en, ko, ja, zh, de, ar, ...; multi for ICU word segmentation of any language),"
          + " or auto (default): the language of most documents when it holds at least 60%% of them, multi otherwise.",
      "An existing index keeps its own; naming another is refused."})
  String language = "auto";

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ErrorPolicy policy = parsePolicy();
    if (!Files.isRegularFile(input)) {
      throw new NoSuchFileException(input.toString(), null, "input file does not exist");
    }
    boolean terminal = ConsoleProgress.isTerminal();
    InputCheck check;
    try (ConsoleProgress checking = new ConsoleProgress(out, err, -1, false)) {
      check = InputCheck.of(input, checking);
    }
    for (BadInputException bad : check.badLines()) {
      err.println((policy == ErrorPolicy.FAIL ? "" : "warning: ") + bad.getMessage() + (policy == ErrorPolicy.SKIP ? " (skipped)" : ""));
    }
    check.mixedKinds().forEach(mixed -> err.println("warning: " + mixed.describe(input)));
    check.unmatchable().forEach(key -> err.println("warning: " + key.describe(input)));
    if (check.hasBadLines() && policy == ErrorPolicy.FAIL) {
      err.printf(
          "m3search index: %,d bad line%s in %s; nothing was encoded and %s is unchanged. Fix them, or pass --on-error skip%n",
          check.badLines().size(), check.badLines().size() == 1 ? "" : "s", input, index);
      err.flush();
      return 1;
    }
    if (refusedByOldMetadataLayout(check, err)) {
      return 1;
    }
    LexicalLanguage chosen = chooseLanguage(check, out);
    try (M3Encoder encoder = modelOptions.openForWriting(index);
        M3Index target = M3Index.open(index, encoder, indexConfig().withLanguage(chosen));
        CorpusReader reader = new CorpusReader(input);
        ConsoleProgress progress = new ConsoleProgress(out, err, check.documents(), terminal)) {
      warnOfUnknownLanguage(target, err);
      CorpusIndexer indexer =
          CorpusIndexer.forEncoder(target, policy, commitEvery, progress).reportedBadLines(check.badLineNumbers());
      IndexingSummary summary;
      try {
        summary = indexer.run(reader);
      } catch (BadInputException e) {
        progress.close();
        err.println("m3search index: " + e.getMessage());
        err.println(
            "the index at " + index + " is as its last commit left it ("
                + target.lastCommitData().getOrDefault("m3.indexer.documents", "0")
                + " documents of the last run); fix the line, or pass --on-error skip");
        return 1;
      }
      progress.close();
      print(out, summary, check, target.info().segments());
      return 0;
    }
  }

  /**
   * Whether the target index keeps metadata numbers in the keyword fields and the input has a key
   * it cannot take: then nothing is encoded, rather than the run stopping at that key's document.
   */
  private boolean refusedByOldMetadataLayout(InputCheck check, PrintWriter err) throws IOException {
    Map<String, Boolean> sharedFields = MetadataLayout.sharedFieldKeys(index);
    if (sharedFields == null) {
      return false;
    }
    List<String> conflicts = check.sharedFieldConflicts(sharedFields).stream().map(k -> "\"" + k.key() + "\"").toList();
    if (conflicts.isEmpty()) {
      return false;
    }
    err.printf(
        "m3search index: %s was written by an older m3search, which keeps a metadata key's numbers in its keyword field:"
            + " a key cannot hold numbers in some of its documents and none in others, and with this input metadata key%s %s"
            + " would. Nothing was encoded and %s is unchanged. Rewrite it with numbers in fields of their own (no text is encoded again):"
            + " m3search recode --index %s --out NEW_DIR, then index into NEW_DIR%n",
        index, conflicts.size() == 1 ? "" : "s", String.join(", ", conflicts), index, index);
    err.flush();
    return true;
  }

  /**
   * The language {@code --language} names, or for {@code auto} the corpus's for a new index and
   * null (the index's own) for an existing one; reports what the check detected.
   */
  private LexicalLanguage chooseLanguage(InputCheck check, PrintWriter out) throws IOException {
    out.println("language: " + check.languages().describe());
    if (!language.equals("auto")) {
      try {
        return LexicalLanguage.of(language);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--language: " + e.getMessage());
      }
    }
    if (Files.isDirectory(index)) {
      try (Directory existing = FSDirectory.open(index)) {
        if (DirectoryReader.indexExists(existing)) {
          return null;
        }
      }
    }
    LexicalLanguage detected = check.languages().chosen();
    out.println("lexical analysis: " + detected);
    out.flush();
    return detected;
  }

  /** Says so when the model does not know the index's language, and what to do. */
  private static void warnOfUnknownLanguage(M3Index target, PrintWriter err) {
    if (target.modelKnowsLanguage() || target.model().sparseKind() == SparseKind.LEARNED) {
      return;
    }
    err.println("warning: the index's language is " + target.language() + ", which " + target.model().name()
        + " does not know (it knows " + String.join(", ", target.model().languages()) + "): its dense and ColBERT legs"
        + " will rank poorly, so the default search lets the lexical leg set the order and the model's legs part only"
        + " near ties (" + target.defaultFusion().describe() + ": BM25 scores run to tens, the others stay within one)."
        + " For all three legs in this language, index with a multilingual model such as BGE-M3: --model DIR (README, Languages)");
    err.flush();
  }

  private ErrorPolicy parsePolicy() {
    return switch (onError) {
      case "fail" -> ErrorPolicy.FAIL;
      case "skip" -> ErrorPolicy.SKIP;
      default -> throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--on-error takes fail or skip, got '" + onError + "'");
    };
  }

  private void print(PrintWriter out, IndexingSummary s, InputCheck check, int segments) {
    out.printf(
        "indexed %,d documents from %s into %s in %.1f s (%.1f docs/s); the index has %d segment%s%n",
        s.documents(), input, index, s.totalNanos() / 1e9, s.documentsPerSecond(), segments, segments == 1 ? "" : "s");
    out.printf("empty documents: %,d (no title and no text; indexed, found by id and by filters)%n", s.emptyDocuments());
    if (check.duplicates() > 0) {
      out.printf("replaced %,d documents whose _id appeared again later in the input%n", check.duplicates());
    }
    out.printf("skipped %,d bad lines%n", s.skipped());
    out.printf("truncated %,d texts to the model's maximum length%n", s.truncated());
    out.printf(
        "time: encoding %.1f s, index writing %.1f s alongside it (%.1f %% of encoding); encoding waited %.1f s for writes and commits%n",
        s.encodeNanos() / 1e9, s.writeNanos() / 1e9, 100 * s.writeToEncodeRatio(), s.waitNanos() / 1e9);
    out.flush();
  }

  /** The modes an option names; the other leg keeps the existing index's mode (or the default for a new index). */
  private IndexConfig indexConfig() throws IOException {
    if (!modes.given()) {
      return IndexConfig.defaults();
    }
    StorageModes stored = StorageModes.stored(index);
    return IndexConfig.defaults().withStorage(modes.over(stored != null ? stored : StorageModes.defaults()));
  }
}
