/**
 * The model's features, shared by training and serving so they cannot drift apart: skill-name and
 * text normalisation ({@link io.coachmatch.core.features.TextNormalizer}), the documents TF-IDF
 * compares ({@link io.coachmatch.core.features.Documents}), the vectoriser
 * ({@link io.coachmatch.core.features.TfIdf}) and the fixed, named feature vector of a
 * (request, coach) pair ({@link io.coachmatch.core.features.FeatureExtractor}).
 */
package io.coachmatch.core.features;
