package io.coachmatch.core.artifact;

import java.time.Instant;
import java.util.Map;

/**
 * The provenance of one model version, stored as {@code manifest.json} beside {@code model.json}:
 * who trained it, how, on what, how well it did against the rules on the same held-out slice, and
 * the SHA-256 of {@code model.json}, which the registry checks before it lets anyone score with it.
 *
 * @param formatVersion   the artifact format version (see {@link ModelDefinition#FORMAT_VERSION})
 * @param version         the version's name, such as {@code v0003}
 * @param createdAt       when training finished
 * @param parent          the version that was in production when this one was trained, or null
 * @param algorithm       {@code linear}, {@code gbt} or {@code lambdamart}
 * @param trainer         the library class that fitted the model
 * @param hyperparameters the trainer's settings, by name
 * @param seed            the random seed
 * @param dataFingerprint SHA-256 over the training files' bytes, in a fixed order
 * @param data            counts describing the data (requests, coaches, feedback, pairs, bad lines, ...)
 * @param metrics         by ranker ({@code rules}, {@code model}, {@code blend}), metric name to value,
 *                        all on the same held-out test slice
 * @param blendWeight     the weight of the model score against the rule score
 * @param libraries       library name to version (XGBoost4J, Tribuo or Smile; Java, OS)
 * @param sha256          lower-case hex SHA-256 of {@code model.json}'s bytes
 */
public record Manifest(
        int formatVersion,
        String version,
        Instant createdAt,
        String parent,
        String algorithm,
        String trainer,
        Map<String, Object> hyperparameters,
        Long seed,
        String dataFingerprint,
        Map<String, Long> data,
        Map<String, Map<String, Double>> metrics,
        Double blendWeight,
        Map<String, String> libraries,
        String sha256) {

    /** A copy naming a version and the checksum of its model.json (the registry fills both when publishing). */
    public Manifest withVersionAndSha256(String v, String sha) {
        return new Manifest(
                formatVersion,
                v,
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
                sha);
    }

    /** One metric of one ranker, or NaN when it was not recorded. */
    public double metric(String ranker, String name) {
        if (metrics == null || metrics.get(ranker) == null) {
            return Double.NaN;
        }
        Double v = metrics.get(ranker).get(name);
        return v == null ? Double.NaN : v;
    }
}
