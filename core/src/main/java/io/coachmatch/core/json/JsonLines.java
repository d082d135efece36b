package io.coachmatch.core.json;

import io.coachmatch.core.contract.ErrorDetail;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads and writes the contract's data files: JSON Lines, plain or gzip-compressed (recognised by
 * its magic bytes, written when the name ends in {@code .gz}). A file whose first character is
 * {@code [} is read as one JSON array instead. Every bad record is reported with its file, line and
 * field; by default it is skipped and counted, in strict mode the first one stops the read.
 */
public final class JsonLines {

    /** One bad record: where it is and what is wrong. */
    public record LineError(Path file, long line, String field, String problem) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (field == null || field.equals("$") ? "" : field + ": ") + problem;
        }
    }

    /** How a read went. */
    public record ReadStats(long records, long skipped) {}

    /** Thrown in strict mode at the first bad record, and on I/O failure. */
    public static final class DataFileException extends RuntimeException {
        private final transient LineError error;

        public DataFileException(LineError error) {
            super(error.toString());
            this.error = error;
        }

        public LineError error() {
            return error;
        }
    }

    /** Reads one element of an array in place: the rest of the array is not a trailing token. */
    private static final ObjectReader ELEMENT_READER =
            Json.mapper().readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLines() {}

    /**
     * Reads every record of a file.
     *
     * @param validator returns the problems of one record's tree (empty when it is valid); may be null
     * @param onError   told of each skipped record
     * @param strict    stop at the first bad record with a {@link DataFileException}
     */
    public static <T> ReadStats read(
            Path file,
            Class<T> type,
            Function<JsonNode, List<ErrorDetail>> validator,
            Consumer<T> sink,
            Consumer<LineError> onError,
            boolean strict) {
        try (InputStream in = open(file)) {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            buffered.mark(4096);
            int first = firstNonSpace(buffered);
            buffered.reset();
            Reader<T> reader = new Reader<>(file, type, validator, sink, onError, strict);
            if (first == '[') {
                reader.readArray(buffered);
            } else {
                reader.readLines(buffered);
            }
            return new ReadStats(reader.records, reader.skipped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads without a validator beyond the JSON mapping itself. */
    public static <T> ReadStats read(
            Path file, Class<T> type, Consumer<T> sink, Consumer<LineError> onError, boolean strict) {
        return read(file, type, null, sink, onError, strict);
    }

    /** Opens a file for reading, decompressing it when it starts with the gzip magic bytes. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int a = raw.read();
        int b = raw.read();
        raw.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** A writer of one record per line; gzip-compressed when the file name ends in {@code .gz}. */
    public static LineWriter writer(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new LineWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Writes records as JSON Lines with the contract's mapper. */
    public static final class LineWriter implements AutoCloseable {
        private final Writer out;
        private long count;

        private LineWriter(Writer out) {
            this.out = out;
        }

        public void write(Object record) throws IOException {
            out.write(Json.string(record));
            out.write('\n');
            count++;
        }

        public long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static int firstNonSpace(InputStream in) throws IOException {
        int c;
        int n = 0;
        do {
            c = in.read();
            n++;
        } while ((c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF) && n < 4000);
        return c;
    }

    private static final class Reader<T> {
        final Path file;
        final Class<T> type;
        final Function<JsonNode, List<ErrorDetail>> validator;
        final Consumer<T> sink;
        final Consumer<LineError> onError;
        final boolean strict;
        long records;
        long skipped;

        Reader(
                Path file,
                Class<T> type,
                Function<JsonNode, List<ErrorDetail>> validator,
                Consumer<T> sink,
                Consumer<LineError> onError,
                boolean strict) {
            this.file = file;
            this.type = type;
            this.validator = validator;
            this.sink = sink;
            this.onError = onError;
            this.strict = strict;
        }

        void readLines(InputStream in) throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.mapper().readTree(line);
                } catch (JacksonException e) {
                    fail(new LineError(file, n, null, "not valid JSON: " + shortMessage(e)));
                    continue;
                }
                accept(node, n);
            }
        }

        void readArray(InputStream in) throws IOException {
            try (JsonParser p = Json.mapper().createParser(in)) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw new DataFileException(new LineError(file, 1, null, "expected a JSON array"));
                }
                while (true) {
                    JsonToken t;
                    try {
                        t = p.nextToken();
                    } catch (JacksonException e) {
                        throw new DataFileException(
                                new LineError(file, lineOf(e), null, "not valid JSON: " + shortMessage(e)));
                    }
                    if (t == JsonToken.END_ARRAY || t == null) {
                        return;
                    }
                    long line = p.currentTokenLocation().getLineNr();
                    JsonNode node;
                    try {
                        node = ELEMENT_READER.readValue(p);
                    } catch (JacksonException e) {
                        throw new DataFileException(
                                new LineError(file, lineOf(e), null, "not valid JSON: " + shortMessage(e)));
                    }
                    accept(node, line);
                }
            }
        }

        private void accept(JsonNode node, long line) {
            if (validator != null) {
                List<ErrorDetail> problems = validator.apply(node);
                if (!problems.isEmpty()) {
                    ErrorDetail d = problems.get(0);
                    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
                    fail(new LineError(file, line, d.field(), d.problem() + more));
                    return;
                }
            }
            T value;
            try {
                value = Json.convert(node, type);
            } catch (JacksonException e) {
                fail(new LineError(file, line, pathOf(e), shortMessage(e)));
                return;
            }
            records++;
            sink.accept(value);
        }

        private void fail(LineError error) {
            if (strict) {
                throw new DataFileException(error);
            }
            skipped++;
            if (onError != null) {
                onError.accept(error);
            }
        }
    }

    private static long lineOf(JacksonException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static String pathOf(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String shortMessage(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
