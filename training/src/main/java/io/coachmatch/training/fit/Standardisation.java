package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;

/** Per-feature mean and standard deviation of the training rows (scale 1 for a constant feature). */
public final class Standardisation {

    private Standardisation() {}

    public static ModelDefinition.Standardisation fit(double[] x, int rows) {
        int f = FeatureExtractor.SIZE;
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                mean[j] += x[r * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= Math.max(1, rows);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                double d = x[r * f + j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(scale[j] / Math.max(1, rows));
            scale[j] = sd > 1e-9 ? sd : 1.0;
        }
        return new ModelDefinition.Standardisation(mean, scale);
    }
}
