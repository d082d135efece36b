package io.coachmatch.training.eval;

import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.Split;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Every graded pair of a data set with the label and the slice {@code train} gives it, as CSV, so that notebooks read
 * labels and splits instead of deriving them again by rules of their own:
 *
 * <pre>
 *   request_id,coach_id,position,grade,slice
 *   req-000123,coach-0042,1,3,train
 * </pre>
 *
 * {@code position} is the 1-based position shown (0 when unknown); {@code slice} is train, validation or test, split
 * by time as {@link Split#byTime} splits it; pairs of requests outside every slice (none with feedback) are not written.
 */
public final class PairLabels {

    public static final String HEADER = "request_id,coach_id,position,grade,slice";

    private PairLabels() {}

    /** Writes the pairs to {@code file}, gzip-compressed when its name ends in {@code .gz}. */
    public static void write(DataSet data, Split split, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            try (OutputStream raw = Files.newOutputStream(file);
                    OutputStream os = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
                w.write(HEADER);
                w.write('\n');
                slice(w, data, split.train(), "train");
                slice(w, data, split.validation(), "validation");
                slice(w, data, split.test(), "test");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void slice(Writer w, DataSet data, List<Integer> requests, String name) throws IOException {
        for (int r : requests) {
            String requestId = csv(data.requests().get(r).requestId());
            for (DataSet.Pair p : data.pairs().get(r)) {
                w.write(requestId);
                w.write(',');
                w.write(csv(data.coaches().get(p.coach()).id()));
                w.write(',');
                w.write(Integer.toString(p.position()));
                w.write(',');
                w.write(Integer.toString(p.grade()));
                w.write(',');
                w.write(name);
                w.write('\n');
            }
        }
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
