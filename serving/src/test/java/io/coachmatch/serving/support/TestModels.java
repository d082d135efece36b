package io.coachmatch.serving.support;

import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.features.FeatureExtractor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small real artifacts in core's format, published into a registry directory. */
public final class TestModels {

    private TestModels() {}

    /**
     * A linear model whose score is the same for every pair: all weights zero, so the calibrated
     * bias decides ({@code (bias + 1) / 2}).
     */
    public static ModelDefinition constant(double bias, double blend) {
        int n = FeatureExtractor.SIZE;
        double[] zeros = new double[n];
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES,
                new ModelDefinition.Text(2.0, Map.of(), List.of(), List.of(), new double[0]),
                new ModelDefinition.Standardisation(zeros, ones),
                new ModelDefinition.Linear(zeros, bias),
                null,
                ModelDefinition.Calibration.minMax(-1, 1),
                blend);
    }

    /**
     * A format-2 model that scores a coach by its booking rate alone ({@code (bias + booking_rate + 1) / 2}), with an
     * engagement table that counted no coach yet and counted events until {@code countedUntil}.
     */
    public static ModelDefinition byBookingRate(double bias, double blend, Instant countedUntil) {
        ModelDefinition c = constant(bias, blend);
        double[] weights = new double[FeatureExtractor.SIZE];
        weights[FeatureExtractor.FEATURES.indexOf("booking_rate")] = 1.0;
        ModelDefinition.Behaviour none = new ModelDefinition.Behaviour(
                countedUntil,
                new double[] {1.0, 1.0, 0.8, 0.6},
                new double[] {0.2, 0.1, 0.05, 0.7},
                new double[] {10, 10, 10, 5},
                List.of(),
                new double[0],
                new double[0],
                new double[0],
                new double[0],
                new double[0],
                new double[0],
                new double[0]);
        return new ModelDefinition(
                c.formatVersion(),
                c.algorithm(),
                c.features(),
                c.text(),
                c.standardisation(),
                new ModelDefinition.Linear(weights, bias),
                null,
                c.calibration(),
                blend,
                new ModelDefinition.Learned(null, none));
    }

    /** Publishes a model and returns its version. */
    public static String publish(Path registryDir, ModelDefinition model) {
        return ModelRegistry.open(registryDir).publish(model, draft(model.blendWeight()));
    }

    /** Publishes a constant model and returns its version. */
    public static String publish(Path registryDir, double bias, double blend) {
        return ModelRegistry.open(registryDir).publish(constant(bias, blend), draft(blend));
    }

    private static Manifest draft(double blend) {
        return new Manifest(
                ModelDefinition.FORMAT_VERSION,
                null,
                Instant.parse("2026-11-28T12:00:00Z"),
                null,
                ModelDefinition.LINEAR,
                "serving-tests",
                Map.of(),
                42L,
                "test",
                Map.of(),
                Map.of(),
                blend,
                Map.of("java", "17"),
                null);
    }
}
