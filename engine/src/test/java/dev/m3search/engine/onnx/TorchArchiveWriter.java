package dev.m3search.engine.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict of float32 tensors as {@code torch.save} does (PyTorch 1.6 and later): a zip
 * whose {@code archive/data.pkl} is a protocol-2 pickle of an {@code OrderedDict} of {@code
 * torch._utils._rebuild_tensor_v2} calls, each naming its storage by a persistent id {@code
 * ('storage', torch.FloatStorage, key, 'cpu', elements)}, with the raw little-endian floats in
 * {@code archive/data/KEY}; also the {@code BUILD} of the dict's {@code _metadata}. Also writes
 * the same tensors as {@code .safetensors}.
 */
public final class TorchArchiveWriter {
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Map<String, float[]> values = new LinkedHashMap<>();

  public TorchArchiveWriter tensor(String name, long[] shape, float[] data) {
    shapes.put(name, shape);
    values.put(name, data);
    return this;
  }

  /** {@code nn.Linear(in, out)}'s state dict: {@code weight} {@code (out, in)} from rows, {@code bias} {@code (out)}. */
  public static TorchArchiveWriter linear(float[][] weightRows, float[] bias) {
    int out = weightRows.length;
    int in = weightRows[0].length;
    float[] flat = new float[out * in];
    for (int o = 0; o < out; o++) {
      System.arraycopy(weightRows[o], 0, flat, o * in, in);
    }
    return new TorchArchiveWriter().tensor("weight", new long[] {out, in}, flat).tensor("bias", new long[] {out}, bias);
  }

  public void writePt(Path file) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      entry(zip, "archive/data.pkl", pickle());
      int key = 0;
      for (float[] data : values.values()) {
        entry(zip, "archive/data/" + key++, littleEndian(data));
      }
      entry(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      entry(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    }
  }

  public void writeSafetensors(Path file) throws IOException {
    StringBuilder header = new StringBuilder("{");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (String name : shapes.keySet()) {
      byte[] bytes = littleEndian(values.get(name));
      header.append(header.length() > 1 ? "," : "").append('"').append(name).append("\":{\"dtype\":\"F32\",\"shape\":")
          .append(java.util.Arrays.toString(shapes.get(name)).replace(" ", "")).append(",\"data_offsets\":[")
          .append(data.size()).append(',').append(data.size() + bytes.length).append("]}");
      data.write(bytes);
    }
    byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      data.writeTo(out);
    }
  }

  private byte[] pickle() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80);
    p.write(2); // PROTO 2
    global(p, "collections", "OrderedDict");
    p.write(')'); // EMPTY_TUPLE
    p.write('R'); // REDUCE: OrderedDict()
    p.write('(');
    int key = 0;
    for (String name : shapes.keySet()) {
      long[] shape = shapes.get(name);
      unicode(p, name);
      global(p, "torch._utils", "_rebuild_tensor_v2");
      p.write('(');
      p.write('(');
      unicode(p, "storage");
      global(p, "torch", "FloatStorage");
      unicode(p, Integer.toString(key++));
      unicode(p, "cpu");
      binint(p, values.get(name).length);
      p.write('t'); // TUPLE
      p.write('Q'); // BINPERSID
      binint(p, 0); // storage offset
      p.write('(');
      for (long d : shape) {
        binint(p, (int) d);
      }
      p.write('t');
      p.write('(');
      long stride = 1;
      long[] strides = new long[shape.length];
      for (int d = shape.length - 1; d >= 0; d--) {
        strides[d] = stride;
        stride *= shape[d];
      }
      for (long s : strides) {
        binint(p, (int) s);
      }
      p.write('t');
      p.write(0x89); // NEWFALSE: requires_grad
      global(p, "collections", "OrderedDict");
      p.write(')');
      p.write('R'); // backward hooks
      p.write('t');
      p.write('R'); // _rebuild_tensor_v2(...)
    }
    p.write('u'); // SETITEMS
    p.write('}'); // the dict's state: {'_metadata': {}}
    unicode(p, "_metadata");
    p.write('}');
    p.write('s'); // SETITEM
    p.write('b'); // BUILD
    p.write('.'); // STOP
    return p.toByteArray();
  }

  private static void global(ByteArrayOutputStream p, String module, String name) {
    p.write('c');
    p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void unicode(ByteArrayOutputStream p, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    p.write('X');
    p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
    p.writeBytes(utf8);
  }

  private static void binint(ByteArrayOutputStream p, int value) {
    p.write('J');
    p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
  }

  private static byte[] littleEndian(float[] data) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : data) {
      bytes.putFloat(f);
    }
    return bytes.array();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
