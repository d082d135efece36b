package io.coachmatch.training.data;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Finding and reading the contract's data files, with every bad record reported by file and line. */
public final class DataFiles {

    private DataFiles() {}

    /**
     * The file for a base name in a data directory: {@code NAME.jsonl}, {@code NAME.jsonl.gz} or
     * {@code NAME.json}, the first that exists.
     *
     * @throws IllegalArgumentException naming the candidates when none exists
     */
    public static Path find(Path dir, String base) {
        for (String ext : List.of(".jsonl", ".jsonl.gz", ".json", ".json.gz")) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "no " + base + ".jsonl, " + base + ".jsonl.gz or " + base + ".json in " + dir);
    }

    /**
     * Reads every record of a JSON Lines file (plain or gzip), a JSON array file, or a file holding
     * one pretty-printed JSON object (such as an example request).
     */
    public static <T> JsonLines.ReadStats read(
            Path file,
            Class<T> type,
            Function<JsonNode, List<ErrorDetail>> validator,
            Consumer<T> sink,
            Consumer<JsonLines.LineError> onError,
            boolean strict) {
        if (isSingleObject(file)) {
            JsonNode node;
            try (InputStream in = JsonLines.open(file)) {
                node = Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (JacksonException e) {
                JsonLines.LineError err =
                        new JsonLines.LineError(file, 1, null, "not valid JSON: " + e.getOriginalMessage());
                if (strict) {
                    throw new JsonLines.DataFileException(err);
                }
                onError.accept(err);
                return new JsonLines.ReadStats(0, 1);
            }
            List<ErrorDetail> problems = validator == null ? List.of() : validator.apply(node);
            if (!problems.isEmpty()) {
                JsonLines.LineError err = new JsonLines.LineError(
                        file, 1, problems.get(0).field(), problems.get(0).problem());
                if (strict) {
                    throw new JsonLines.DataFileException(err);
                }
                onError.accept(err);
                return new JsonLines.ReadStats(0, 1);
            }
            sink.accept(Json.convert(node, type));
            return new JsonLines.ReadStats(1, 0);
        }
        return JsonLines.read(file, type, validator, sink, onError, strict);
    }

    /** A {@code .json} file whose content is one object spread over several lines. */
    private static boolean isSingleObject(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json") && !name.endsWith(".json.gz")) {
            return false;
        }
        try (InputStream in = JsonLines.open(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            if (c != '{') {
                return false;
            }
            int n;
            while ((n = in.read()) != -1) {
                if (n == '\n') {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The size of a file in bytes, for progress estimates; 1 when it cannot be read. */
    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 1;
        }
    }
}
