package dev.m3search.engine.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 digests of a model's files. Hashing a multi-GB export on every open is too slow, so each
 * file's digest is cached in {@value #CACHE_FILE} beside it, keyed by the file's name, size and
 * modification time; a folder that cannot be written is hashed every time.
 */
final class ModelDigest {
  static final String CACHE_FILE = ".m3search-digests.json";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDigest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record CachedDigest(long size, long modified, String sha256) {}

  private ModelDigest() {}

  /** One digest over the contents of {@code files} (all in {@code dir}), in the order given; names do not count. */
  static String ofFiles(Path dir, List<Path> files) throws IOException {
    Map<String, CachedDigest> cache = readCache(dir);
    boolean changed = false;
    MessageDigest combined = sha256();
    for (Path file : files) {
      String key = dir.relativize(file).toString();
      long size = Files.size(file);
      long modified = Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
      CachedDigest cached = cache.get(key);
      if (cached == null || cached.size() != size || cached.modified() != modified) {
        cached = new CachedDigest(size, modified, hashFile(file));
        cache.put(key, cached);
        changed = true;
      }
      combined.update(HexFormat.of().parseHex(cached.sha256()));
    }
    if (changed) {
      writeCache(dir, cache);
    }
    return HexFormat.of().formatHex(combined.digest());
  }

  /** One digest over {@code parts}, each hashed on its own first, as {@link #ofFiles} does. */
  static String ofBytes(byte[]... parts) {
    MessageDigest combined = sha256();
    for (byte[] part : parts) {
      combined.update(sha256().digest(part));
    }
    return HexFormat.of().formatHex(combined.digest());
  }

  private static String hashFile(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Map<String, CachedDigest> readCache(Path dir) {
    Path file = dir.resolve(CACHE_FILE);
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, CachedDigest>>() {}));
    } catch (IOException e) {
      LOG.debug("ignoring unreadable digest cache {}: {}", file, e.getMessage());
      return new TreeMap<>();
    }
  }

  private static void writeCache(Path dir, Map<String, CachedDigest> cache) {
    Path file = dir.resolve(CACHE_FILE);
    try {
      Path temp = Files.createTempFile(dir, CACHE_FILE, ".tmp");
      try {
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), cache);
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      LOG.debug("cannot cache model digests in {} ({}); they are computed at every open", dir, e.getMessage());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
