package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a trained model came from, assembled by the fitting code as Tribuo's trainers assemble theirs: the trainer
 * class that fitted it and its parameters, the fingerprint and counts of the data, the seed and the libraries. A
 * {@link Training.Result} carries it into the artifact's {@link Manifest}.
 *
 * @param algorithm       the artifact's algorithm name ({@link ModelDefinition#LINEAR} or {@link ModelDefinition#GBT})
 * @param trainer         the fully qualified name of the library class that fitted the model
 * @param hyperparameters the trainer's settings and the run's, by name, in a fixed order
 * @param seed            the random seed
 * @param dataFingerprint SHA-256 over the data files' bytes
 * @param data            what was read and how it was split, by name
 * @param libraries       library name to version: coachmatch, the trainer's library, Java and the OS
 */
public record TrainingProvenance(
        String algorithm,
        String trainer,
        Map<String, Object> hyperparameters,
        long seed,
        String dataFingerprint,
        Map<String, Long> data,
        Map<String, String> libraries) {

    private static final String BUILD_PROPERTIES = "/coachmatch-train.properties";

    /** The library versions of a run whose trainer comes from {@code library} at {@code version}. */
    static Map<String, String> libraries(String library, String version) {
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("coachmatch", buildProperty("coachmatch.version"));
        libs.put(library, version);
        libs.put("java", System.getProperty("java.version"));
        libs.put("java_vendor", System.getProperty("java.vendor"));
        libs.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        return Collections.unmodifiableMap(libs);
    }

    /** A version the build recorded in {@code coachmatch-train.properties}, or null when it is not there. */
    public static String buildProperty(String name) {
        Properties p = new Properties();
        try (InputStream in = TrainingProvenance.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty(name);
    }

    /**
     * The manifest of a model with this provenance, before the registry names its version and checksums its
     * {@code model.json}.
     *
     * @param parent      the version in production when the model was trained, or null
     * @param createdAt   when training finished
     * @param metrics     by ranker, metric name to value
     * @param blendWeight the model's blend weight
     */
    public Manifest manifest(
            String parent, Instant createdAt, Map<String, Map<String, Double>> metrics, double blendWeight) {
        return new Manifest(
                ModelDefinition.FORMAT_VERSION,
                null,
                createdAt,
                parent,
                algorithm,
                trainer,
                hyperparameters,
                seed,
                dataFingerprint,
                data,
                metrics,
                blendWeight,
                libraries,
                null);
    }
}
