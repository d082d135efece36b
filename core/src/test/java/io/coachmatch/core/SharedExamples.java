package io.coachmatch.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the contract's examples ({@code shared/examples/}), which live beside the repository. */
public final class SharedExamples {

    private SharedExamples() {
    }

    public static Path dir() {
        Path here = Paths.get("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/examples not found above " + here
                + "; the contract's examples must sit beside the repository");
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
