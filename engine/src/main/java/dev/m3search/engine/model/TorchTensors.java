package dev.m3search.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Named float tensors from the files PyTorch models are published in: {@code torch.save} archives
 * ({@code .pt}, {@code .bin}: a zip holding {@code data.pkl}, a pickled state dict whose tensors
 * point by key at raw storages under {@code data/}) and {@code .safetensors} (a JSON header, then
 * the raw data). Pickles are read with Pyrolite, which runs no code from a file: it builds the
 * classes a state dict names from constructors registered here ({@code OrderedDict}, {@code
 * torch._utils._rebuild_tensor_v2}, the storage types), any other class as a plain dictionary,
 * which is then refused as not a tensor. float32, float16 and bfloat16 tensors are read, as
 * floats; a tensor must be contiguous.
 */
final class TorchTensors {
  /** A tensor: its shape and its values in row-major order. */
  record Tensor(long[] shape, float[] values) {}

  private enum StorageType implements IObjectConstructor {
    FLOAT("FloatStorage", 4),
    HALF("HalfStorage", 2),
    BFLOAT16("BFloat16Storage", 2);

    final String className;
    final int bytes;

    StorageType(String className, int bytes) {
      this.className = className;
      this.bytes = bytes;
    }

    @Override
    public Object construct(Object[] args) {
      throw new PickleException("torch." + className + " is not called in a state dict");
    }
  }

  /** A storage the pickle names by key: its bytes are the zip entry {@code data/KEY}. */
  private record StorageRef(StorageType type, String key, long elements) {}

  /** What {@code _rebuild_tensor_v2} was given. */
  private record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

  /** An {@code OrderedDict}: a map that takes the {@code _metadata} PyTorch sets on a state dict. */
  public static final class StateDict extends LinkedHashMap<Object, Object> {
    public void __setstate__(HashMap<String, Object> state) {
      // the state dict's _metadata (module versions): not needed
    }
  }

  private static final IObjectConstructor REBUILD_TENSOR = args -> {
    if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
      throw new PickleException("torch._utils._rebuild_tensor_v2 without a storage");
    }
    return new TensorRef(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
  };

  static {
    // Pyrolite's constructors are global; these are the only ones a state dict needs
    Unpickler.registerConstructor("collections", "OrderedDict", args -> new StateDict());
    Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", REBUILD_TENSOR);
    for (StorageType type : StorageType.values()) {
      Unpickler.registerConstructor("torch", type.className, type);
    }
  }

  private TorchTensors() {}

  /** The tensors of {@code file}, by name; an error names the file and what it could not read. */
  static Map<String, Tensor> read(Path file) throws IOException {
    try {
      return file.getFileName().toString().endsWith(".safetensors") ? safetensors(file) : torchArchive(file);
    } catch (PickleException | IllegalArgumentException | ClassCastException e) {
      throw new IOException(file + ": not a state dict of float tensors: " + e.getMessage(), e);
    }
  }

  private static Map<String, Tensor> torchArchive(Path file) throws IOException {
    ZipFile opened;
    try {
      opened = new ZipFile(file.toFile());
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + ": not a torch.save archive (a zip) nor .safetensors: " + e.getMessage(), e);
    }
    try (ZipFile zip = opened) {
      ZipEntry pickle = zip.stream()
          .filter(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl"))
          .findFirst()
          .orElseThrow(() -> new IOException(file + ": no data.pkl: not a torch.save archive (PyTorch 1.6 or later)"));
      String root = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
      Object loaded;
      try (InputStream in = zip.getInputStream(pickle)) {
        loaded = new Unpickler() {
          @Override
          protected Object persistentLoad(Object pid) {
            Object[] id = (Object[]) pid; // ('storage', storage type, key, location, elements)
            if (id.length < 5 || !"storage".equals(id[0]) || !(id[1] instanceof StorageType type)) {
              throw new PickleException("a persistent id that is not a float storage: " + List.of(id));
            }
            return new StorageRef(type, id[2].toString(), ((Number) id[4]).longValue());
          }
        }.load(in);
      }
      if (!(loaded instanceof Map<?, ?> dict)) {
        throw new IOException(file + ": data.pkl holds " + (loaded == null ? "nothing" : loaded.getClass().getSimpleName()) + ", not a state dict");
      }
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : dict.entrySet()) {
        if (!(entry.getValue() instanceof TensorRef ref)) {
          throw new IOException(file + ": '" + entry.getKey() + "' is not a tensor");
        }
        ZipEntry data = zip.getEntry(root + "data/" + ref.storage().key());
        if (data == null) {
          throw new IOException(file + ": tensor '" + entry.getKey() + "' names storage " + ref.storage().key() + ", which is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(data)) {
          bytes = in.readAllBytes();
        }
        tensors.put(entry.getKey().toString(), tensor(entry.getKey().toString(), ref, bytes));
      }
      return tensors;
    }
  }

  private static Tensor tensor(String name, TensorRef ref, byte[] storage) {
    long expected = 1;
    for (int d = ref.shape().length - 1; d >= 0; d--) {
      if (ref.shape()[d] != 1 && ref.stride()[d] != expected) {
        throw new IllegalArgumentException("tensor '" + name + "' is not contiguous (stride " + List.of(ref.stride()) + ")");
      }
      expected *= ref.shape()[d];
    }
    int count = Math.toIntExact(expected);
    int width = ref.storage().type().bytes;
    if ((ref.offset() + count) * width > storage.length) {
      throw new IllegalArgumentException("tensor '" + name + "' runs past its storage");
    }
    return new Tensor(ref.shape(), floats(ByteBuffer.wrap(storage, Math.toIntExact(ref.offset() * width), count * width), ref.storage().type(), count));
  }

  private static float[] floats(ByteBuffer bytes, StorageType type, int count) {
    ByteBuffer in = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = switch (type) {
        case FLOAT -> in.getFloat();
        case HALF -> Float.float16ToFloat(in.getShort());
        case BFLOAT16 -> Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
      };
    }
    return values;
  }

  private static Map<String, Tensor> safetensors(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8) {
      throw new IOException(file + ": too short for a safetensors header");
    }
    long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength <= 0 || 8 + headerLength > all.length) {
      throw new IOException(file + ": a safetensors header of " + headerLength + " bytes does not fit the file");
    }
    JsonNode header = new ObjectMapper().readTree(new String(all, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8));
    int dataStart = 8 + (int) headerLength;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (var it = header.fields(); it.hasNext(); ) {
      var field = it.next();
      if (field.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode info = field.getValue();
      StorageType type = switch (info.path("dtype").asText()) {
        case "F32" -> StorageType.FLOAT;
        case "F16" -> StorageType.HALF;
        case "BF16" -> StorageType.BFLOAT16;
        default -> throw new IOException(file + ": tensor '" + field.getKey() + "' is " + info.path("dtype").asText() + ", not F32, F16 or BF16");
      };
      long[] shape = new long[info.path("shape").size()];
      long count = 1;
      for (int d = 0; d < shape.length; d++) {
        shape[d] = info.path("shape").get(d).asLong();
        count *= shape[d];
      }
      long begin = info.path("data_offsets").get(0).asLong();
      long end = info.path("data_offsets").get(1).asLong();
      if (end - begin != count * type.bytes || dataStart + end > all.length) {
        throw new IOException(file + ": tensor '" + field.getKey() + "' has offsets " + begin + ".." + end + " for " + count + " values");
      }
      tensors.put(field.getKey(), new Tensor(shape, floats(ByteBuffer.wrap(all, (int) (dataStart + begin), (int) (end - begin)), type, (int) count)));
    }
    return tensors;
  }

  private static long[] longs(Object tuple) {
    Object[] items = (Object[]) tuple;
    long[] out = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = ((Number) items[i]).longValue();
    }
    return out;
  }
}
