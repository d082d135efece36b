package io.coachmatch.core.artifact;

/**
 * A model artifact that cannot be used: missing, damaged, tampered with (its checksum no longer
 * matches the manifest), or written in a format this reader does not know. The message names the
 * version and the file, so an operator can act on it without reading code. Unchecked: there is no
 * sensible local recovery, only "fall back to another version or to the rules".
 */
public class ArtifactException extends RuntimeException {

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
