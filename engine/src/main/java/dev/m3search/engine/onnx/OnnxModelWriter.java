package dev.m3search.engine.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models in protobuf wire format with the field numbers of {@code onnx.proto}
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto): the heads
 * m3search runs beside an encoder ({@code HeadsGraph}), and tests' models with known weights.
 */
public final class OnnxModelWriter {
  /** TensorProto.DataType values. */
  public static final int FLOAT = 1;

  public static final int INT32 = 6;

  public static final int INT64 = 7;

  private static final int IR_VERSION = 8;
  private static final int OPSET = 17;

  private final List<ByteString> nodes = new ArrayList<>();
  private final List<ByteString> initializers = new ArrayList<>();
  private final List<ByteString> inputs = new ArrayList<>();
  private final List<ByteString> outputs = new ArrayList<>();
  /** When set, float initializers keep their data in this file beside the model, as large exports do. */
  private String externalLocation;
  private final ByteArrayOutputStream externalBytes = new ByteArrayOutputStream();

  /** Float initializers added after this call store their data in {@code location}, next to the model file. */
  public OnnxModelWriter externalData(String location) {
    this.externalLocation = location;
    return this;
  }

  /** A node attribute; build with {@link #intAttribute}, {@link #intsAttribute} or {@link #floatAttribute}. */
  public record Attribute(ByteString encoded) {}

  /** A graph input of element type {@code elemType}; each dim is a Long (fixed) or a String (symbolic). */
  public OnnxModelWriter input(String name, int elemType, Object... dims) {
    inputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  public OnnxModelWriter output(String name, int elemType, Object... dims) {
    outputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  /** {@link #node}, when {@code add} holds. */
  public OnnxModelWriter nodeIf(boolean add, String opType, List<String> in, List<String> out, Attribute... attributes) {
    return add ? node(opType, in, out, attributes) : this;
  }

  public OnnxModelWriter node(String opType, List<String> in, List<String> out, Attribute... attributes) {
    nodes.add(
        message(
            o -> {
              for (String name : in) {
                o.writeString(1, name);
              }
              for (String name : out) {
                o.writeString(2, name);
              }
              o.writeString(3, opType + "_" + nodes.size());
              o.writeString(4, opType);
              for (Attribute a : attributes) {
                o.writeBytes(5, a.encoded());
              }
            }));
    return this;
  }

  /** A float initializer of the given shape, values in row-major order. */
  public OnnxModelWriter floats(String name, long[] dims, float... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    initializers.add(externalLocation == null ? tensor(name, FLOAT, dims, raw.array()) : externalTensor(name, dims, raw.array()));
    return this;
  }

  /** An int64 initializer of the given shape ({@code new long[0]} for a scalar). */
  public OnnxModelWriter longs(String name, long[] dims, long... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    initializers.add(tensor(name, INT64, dims, raw.array()));
    return this;
  }

  public static Attribute intAttribute(String name, long value) {
    return new Attribute(
        message(
            o -> {
              o.writeString(1, name);
              o.writeInt64(3, value);
              o.writeEnum(20, 2); // INT
            }));
  }

  public static Attribute floatAttribute(String name, float value) {
    return new Attribute(
        message(
            o -> {
              o.writeString(1, name);
              o.writeFloat(2, value);
              o.writeEnum(20, 1); // FLOAT
            }));
  }

  public static Attribute intsAttribute(String name, long... values) {
    return new Attribute(
        message(
            o -> {
              o.writeString(1, name);
              for (long v : values) {
                o.writeInt64(8, v);
              }
              o.writeEnum(20, 7); // INTS
            }));
  }

  public byte[] toBytes() {
    ByteString graph =
        message(
            o -> {
              for (ByteString n : nodes) {
                o.writeBytes(1, n);
              }
              o.writeString(2, "m3search_graph");
              for (ByteString t : initializers) {
                o.writeBytes(5, t);
              }
              for (ByteString i : inputs) {
                o.writeBytes(11, i);
              }
              for (ByteString out : outputs) {
                o.writeBytes(12, out);
              }
            });
    ByteString opset =
        message(
            o -> {
              o.writeString(1, "");
              o.writeInt64(2, OPSET);
            });
    return message(
            o -> {
              o.writeInt64(1, IR_VERSION);
              o.writeString(2, "m3search");
              o.writeBytes(7, graph);
              o.writeBytes(8, opset);
            })
        .toByteArray();
  }

  /** Writes the model, and its external data file when there is one. */
  public void write(Path file) throws IOException {
    Files.write(file, toBytes());
    if (externalLocation != null) {
      Files.write(file.resolveSibling(externalLocation), externalBytes.toByteArray());
    }
  }

  /** A float tensor whose data sits at the end of the external data so far (onnx.proto fields 13, 14). */
  private ByteString externalTensor(String name, long[] dims, byte[] raw) {
    long offset = externalBytes.size();
    externalBytes.writeBytes(raw);
    return tensor(
        name,
        FLOAT,
        dims,
        o -> {
          o.writeBytes(13, entry("location", externalLocation));
          o.writeBytes(13, entry("offset", Long.toString(offset)));
          o.writeBytes(13, entry("length", Integer.toString(raw.length)));
          o.writeEnum(14, 1); // EXTERNAL
        });
  }

  private static ByteString entry(String key, String value) {
    return message(
        o -> {
          o.writeString(1, key);
          o.writeString(2, value);
        });
  }

  private static ByteString tensor(String name, int dataType, long[] dims, byte[] raw) {
    return tensor(name, dataType, dims, o -> o.writeBytes(9, ByteString.copyFrom(raw)));
  }

  /** A TensorProto: dims, data type and name, then where its data is. */
  private static ByteString tensor(String name, int dataType, long[] dims, Fields data) {
    return message(
        o -> {
          for (long d : dims) {
            o.writeInt64(1, d);
          }
          o.writeInt32(2, dataType);
          o.writeString(8, name);
          data.write(o);
        });
  }

  private static ByteString valueInfo(String name, int elemType, Object... dims) {
    ByteString shape =
        message(
            o -> {
              for (Object dim : dims) {
                o.writeBytes(
                    1,
                    message(
                        d -> {
                          if (dim instanceof String param) {
                            d.writeString(2, param);
                          } else {
                            d.writeInt64(1, ((Number) dim).longValue());
                          }
                        }));
              }
            });
    ByteString tensorType =
        message(
            o -> {
              o.writeInt32(1, elemType);
              o.writeBytes(2, shape);
            });
    ByteString type = message(o -> o.writeBytes(1, tensorType));
    return message(
        o -> {
          o.writeString(1, name);
          o.writeBytes(2, type);
        });
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Fields fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
      return ByteString.copyFrom(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
