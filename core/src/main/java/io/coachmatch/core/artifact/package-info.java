/**
 * The model artifact: what a version is on disk ({@code model.json} and {@code manifest.json}), how
 * it is verified before use (checksum, format version, consistency), how versions and aliases are
 * kept ({@link io.coachmatch.core.artifact.ModelRegistry}), and the loaded model serving and
 * training both score with ({@link io.coachmatch.core.artifact.LoadedModel}). An artifact is JSON
 * data, never code.
 */
package io.coachmatch.core.artifact;
