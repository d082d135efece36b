/**
 * A/B tests of model versions, as pure logic that serving wires to its endpoints, Kafka and Redis.
 *
 * <ul>
 *   <li>{@link io.coachmatch.core.experiments.Experiment} and {@link io.coachmatch.core.experiments.Variant}:
 *       what is tested, read and validated from {@code PUT /admin/experiments/{name}} bodies and from
 *       {@code models/experiments.json} ({@link io.coachmatch.core.experiments.ExperimentsFile}, written atomically;
 *       at most one experiment runs at a time).</li>
 *   <li>{@link io.coachmatch.core.experiments.Assignment}: unit to variant by a documented hash (SHA-256) of salt and
 *       unit into {@value io.coachmatch.core.experiments.Assignment#BUCKETS} buckets. It depends on nothing but the
 *       experiment's definition, so every instance and every restart assigns a unit the same variant, and changing
 *       shares moves only the units whose buckets change hands.</li>
 *   <li>{@link io.coachmatch.core.experiments.VariantCounts} and
 *       {@link io.coachmatch.core.experiments.ExperimentResults}: the counts serving keeps per variant, and the
 *       statistics of {@code GET /api/experiments/{name}} (Wilson intervals, lift with a delta-method interval,
 *       two-proportion z-test, sample-ratio-mismatch check), computed by
 *       {@link io.coachmatch.core.experiments.ExperimentStatistics}.</li>
 * </ul>
 */
package io.coachmatch.core.experiments;
