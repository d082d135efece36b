package io.coachmatch.core.experiments;

/**
 * One arm of an experiment: the model that serves it and the share of units it receives.
 *
 * @param name  unique within the experiment; {@code control} marks the baseline (else the first variant is)
 * @param model a model version such as {@code v0004}, an alias such as {@code production}, or {@code rules}
 * @param share fraction of units in (0, 1]; the shares of an experiment sum to 1
 */
public record Variant(String name, String model, double share) {}
