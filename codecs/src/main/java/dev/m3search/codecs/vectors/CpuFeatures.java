package dev.m3search.codecs.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The vector instructions the JIT may use here: what the CPU reports ({@code /proc/cpuinfo} on
 * Linux), capped by HotSpot's {@code -XX:UseAVX} level, which a user may lower ({@code
 * -XX:UseAVX=2} runs an AVX-512 host's AVX2 code), and the vector API's preferred width. Printed by
 * {@code info} and {@code bench}, so a measurement names the code path it took.
 *
 * @param arch {@code os.arch}
 * @param features the kernel-relevant features in use, as the kernel names them ({@code avx2},
 *     {@code avx512f}, {@code avx512_vpopcntdq}, {@code asimd}, ...)
 * @param useAvx HotSpot's {@code UseAVX} on x86 (-1 elsewhere or when unknown)
 * @param vectorBits the vector API's preferred vector width in bits, 0 when it is off
 */
public record CpuFeatures(String arch, Set<String> features, int useAvx, int vectorBits) {
  private static final List<String> RELEVANT = List.of(
      "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vpopcntdq", "avx512_vnni", "avx512_bitalg",
      "asimd", "asimddp", "sve", "sve2");

  /** This JVM's. */
  public static CpuFeatures detect() {
    int useAvx = hotSpotUseAvx();
    List<String> flags = cpuFlags();
    Set<String> features = new LinkedHashSet<>();
    for (String feature : RELEVANT) {
      if (flags.contains(feature) && (useAvx < 0 || allowedBy(feature, useAvx))) {
        features.add(feature);
      }
    }
    return new CpuFeatures(System.getProperty("os.arch"), features, useAvx,
        VectorApi.AVAILABLE ? FixedOrderLanes.SPECIES.vectorBitSize() : 0);
  }

  /** Whether {@code feature} is in use. */
  public boolean has(String feature) {
    return features.contains(feature);
  }

  /** One line: {@code amd64, UseAVX=3: avx2 fma avx512f ...; vector API 512-bit}. */
  public String describe() {
    return arch + (useAvx >= 0 ? ", UseAVX=" + useAvx : "") + ": " + (features.isEmpty() ? "no vector features found" : String.join(" ", features))
        + "; " + (vectorBits > 0 ? "vector API " + vectorBits + "-bit" : "vector API off (scalar kernels)");
  }

  /** AVX-512 flags only at UseAVX 3, AVX2 from 2 on. */
  private static boolean allowedBy(String flag, int useAvx) {
    if (flag.startsWith("avx512")) {
      return useAvx >= 3;
    }
    if (flag.equals("avx2") || flag.equals("fma")) {
      return useAvx >= 2;
    }
    return true;
  }

  private static List<String> cpuFlags() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return List.of();
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(line -> line.startsWith("flags") || line.startsWith("Features"))
          .findFirst()
          .map(line -> List.of(line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+")))
          .orElse(List.of());
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** HotSpot's UseAVX, or -1 off x86 or where the diagnostic bean is not there. */
  private static int hotSpotUseAvx() {
    try {
      com.sun.management.HotSpotDiagnosticMXBean bean =
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return Integer.parseInt(bean.getVMOption("UseAVX").getValue());
    } catch (RuntimeException | LinkageError e) {
      return -1;
    }
  }
}
