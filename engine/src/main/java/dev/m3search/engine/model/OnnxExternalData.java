package dev.m3search.engine.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The external data files an ONNX model names (the {@code location} entries of tensors whose
 * weights live outside the {@code .onnx} file, as large exports such as BGE-M3's keep them). Read
 * from the protobuf wire format with the field numbers of {@code onnx.proto}, skipping every byte
 * that is not on the way to a tensor, so an inline multi-GB model is walked, not loaded.
 */
final class OnnxExternalData {
  // onnx.proto field numbers
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_SPARSE_INITIALIZER = 15;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int ATTRIBUTE_TENSOR = 5;
  private static final int ATTRIBUTE_TENSORS = 10;
  private static final int SPARSE_VALUES = 1;
  private static final int SPARSE_INDICES = 2;
  private static final int TENSOR_EXTERNAL_DATA = 13;
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;

  private OnnxExternalData() {}

  /** The file names, relative to the model's folder, that the model's tensors read their data from. */
  static Set<String> locations(Path onnx) throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream raw = Files.newInputStream(onnx)) {
      CodedInputStream in = CodedInputStream.newInstance(raw, 1 << 16);
      in.setSizeLimit(Integer.MAX_VALUE);
      walk(in, Message.MODEL, out);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IOException(onnx + " is not a valid ONNX model: " + e.getMessage(), e);
    }
    return out;
  }

  /** The messages on the way from the model to a tensor's external data entries. */
  private enum Message { MODEL, GRAPH, NODE, ATTRIBUTE, SPARSE_TENSOR, TENSOR, ENTRY }

  private static Message child(Message parent, int field) {
    return switch (parent) {
      case MODEL -> field == MODEL_GRAPH ? Message.GRAPH : null;
      case GRAPH -> switch (field) {
        case GRAPH_NODE -> Message.NODE;
        case GRAPH_INITIALIZER -> Message.TENSOR;
        case GRAPH_SPARSE_INITIALIZER -> Message.SPARSE_TENSOR;
        default -> null;
      };
      case NODE -> field == NODE_ATTRIBUTE ? Message.ATTRIBUTE : null;
      case ATTRIBUTE -> field == ATTRIBUTE_TENSOR || field == ATTRIBUTE_TENSORS ? Message.TENSOR : null;
      case SPARSE_TENSOR -> field == SPARSE_VALUES || field == SPARSE_INDICES ? Message.TENSOR : null;
      case TENSOR -> field == TENSOR_EXTERNAL_DATA ? Message.ENTRY : null;
      case ENTRY -> null;
    };
  }

  private static void walk(CodedInputStream in, Message message, Set<String> out) throws IOException {
    String key = null;
    String value = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      int field = WireFormat.getTagFieldNumber(tag);
      boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      Message child = delimited ? child(message, field) : null;
      if (message == Message.ENTRY && delimited && (field == ENTRY_KEY || field == ENTRY_VALUE)) {
        String text = in.readStringRequireUtf8();
        if (field == ENTRY_KEY) {
          key = text;
        } else {
          value = text;
        }
      } else if (child != null) {
        int limit = in.pushLimit(in.readRawVarint32());
        walk(in, child, out);
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    if (message == Message.ENTRY && "location".equals(key) && value != null) {
      out.add(value);
    }
  }
}
