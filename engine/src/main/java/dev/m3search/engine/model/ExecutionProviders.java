package dev.m3search.engine.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Session options: all requested threads, and CUDA when this machine has an NVIDIA device and the model does not ask for the CPU. */
final class ExecutionProviders {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);

  private ExecutionProviders() {}

  static OrtSession.SessionOptions options(EncoderOptions encoderOptions, boolean cpuOnly) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setIntraOpNumThreads(encoderOptions.threads());
    options.setInterOpNumThreads(1);
    if (cpuOnly) {
      LOG.info("the model asks for the CPU (\"device\": \"cpu\"); encoding on CPU with {} threads", encoderOptions.threads());
    } else if (!hasNvidiaDevice()) {
      LOG.info("no CUDA device; encoding on CPU with {} threads", encoderOptions.threads());
    } else if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      LOG.info("this ONNX Runtime build has no CUDA provider; encoding on CPU with {} threads", encoderOptions.threads());
    } else {
      try {
        options.addCUDA(0);
        LOG.info("encoding on CUDA device 0");
      } catch (OrtException | UnsatisfiedLinkError e) {
        LOG.info("CUDA provider failed to start ({}); encoding on CPU with {} threads", e.getMessage(), encoderOptions.threads());
      }
    }
    return options;
  }

  /** Asking ONNX Runtime for CUDA unpacks a large library; skip that where no GPU exists. */
  private static boolean hasNvidiaDevice() {
    return Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/proc/driver/nvidia/version"));
  }
}
