package dev.m3search.codecs.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.m3search.codecs.lateinteraction.TokenVectorMode;
import org.junit.jupiter.api.Test;

/**
 * What {@code info} and {@code bench} print is what this JVM runs: AVX-512 features only at
 * UseAVX 3 (the build runs this test again with {@code -XX:UseAVX=2}), the vector API's width, and
 * bit-plane kernels as wide as it.
 */
class TestCpuFeatures {
  @Test
  void featuresAreThoseTheJitMayUse() {
    CpuFeatures cpu = CpuFeatures.detect();
    assertEquals(System.getProperty("os.arch"), cpu.arch());
    if (cpu.useAvx() >= 0 && cpu.useAvx() < 3) {
      assertFalse(cpu.features().stream().anyMatch(f -> f.startsWith("avx512")), cpu.describe());
    }
    if (cpu.useAvx() >= 0 && cpu.useAvx() < 2) {
      assertFalse(cpu.has("avx2"), cpu.describe());
    }
    if (VectorApi.AVAILABLE) {
      assertEquals(FixedOrderLanes.SPECIES.vectorBitSize(), cpu.vectorBits());
      assertTrue(cpu.describe().endsWith("vector API " + cpu.vectorBits() + "-bit"), cpu.describe());
      assertTrue(TokenVectorMode.BIT2.kernel(cpu).startsWith("bit planes, " + cpu.vectorBits() / Long.SIZE + " tokens a vector"),
          TokenVectorMode.BIT2.kernel(cpu));
    } else {
      assertEquals(0, cpu.vectorBits());
      assertEquals("bit planes, scalar popcount", TokenVectorMode.BIT1.kernel(cpu));
    }
  }
}
