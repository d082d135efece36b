package io.coachmatch.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the contract's examples, kept in the repository under {@code docs/examples/}. The search walks up from
 * the working directory only as far as the repository's root (the folder holding {@code mvnw}), so a test never
 * reads anything outside the repository.
 */
public final class SharedExamples {

    private SharedExamples() {}

    public static Path dir() {
        Path here = Paths.get("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                Path examples = p.resolve("docs").resolve("examples");
                if (!Files.isDirectory(examples)) {
                    throw new IllegalStateException("docs/examples not found in the repository at " + p);
                }
                return examples;
            }
        }
        throw new IllegalStateException("the repository's root (the folder with mvnw) not found above " + here);
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
