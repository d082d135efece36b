package io.coachmatch.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.ImpressionLog;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The mapper writes doubles with Jackson's fast writer and reads them with its fast parser; impression logs carry
 * the exact feature vectors a model scored, so every double must come back with the same bits.
 */
class JsonNumbersTests {

    private static double[] read(byte[] json) {
        return Json.read(json, ImpressionLog.Shown.class).features();
    }

    private static byte[] write(double[] x) {
        return Json.bytes(new ImpressionLog.Shown("coach_1", 1, 0.5, 0.5, null, x));
    }

    @Test
    void seededRandomDoublesComeBackBitForBit() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int round = 0; round < 200; round++) {
            double[] x = new double[64];
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (i % 4) {
                    case 0 -> random.nextDouble();
                    case 1 ->
                        Double.longBitsToDouble(
                                random.nextLong()); // any bit pattern; NaN and infinities replaced below
                    case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(-20, 20));
                    default -> Math.log1p(random.nextDouble()) / 3.0;
                };
                if (!Double.isFinite(x[i])) {
                    x[i] = random.nextDouble();
                }
            }
            double[] back = read(write(x));
            for (int i = 0; i < x.length; i++) {
                assertThat(Double.doubleToLongBits(back[i]))
                        .as("value %s", x[i])
                        .isEqualTo(Double.doubleToLongBits(x[i]));
            }
        }
    }

    @Test
    void edgeCasesComeBackBitForBit() {
        double[] x = {
            0.0,
            1.0,
            0.1 + 0.2,
            1e-300,
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            2.0 / 3.0,
            -123456.789,
            5e-324,
            9007199254740993.0
        };
        double[] back = read(write(x));
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToLongBits(back[i])).as("value %s", x[i]).isEqualTo(Double.doubleToLongBits(x[i]));
        }
    }

    @Test
    void shortestTextIsWritten() {
        assertThat(new String(
                        write(new double[] {0.1, 0.30000000000000004, 100.0}), java.nio.charset.StandardCharsets.UTF_8))
                .contains("[0.1,0.30000000000000004,100.0]");
    }
}
