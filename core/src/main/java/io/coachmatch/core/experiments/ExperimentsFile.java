package io.coachmatch.core.experiments;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The experiments of a deployment, as kept in {@code models/experiments.json}:
 * {@code {"experiments": [ ... ]}}. Stopped experiments stay listed, so their results can still be shown.
 *
 * <p>Invariants of a valid file ({@link #validate}): every experiment is valid, names are unique, and at most one
 * experiment is running (one experiment per traffic; outside it {@code production} serves). {@link #read} rejects a
 * file breaking them, naming the file and each field ({@code experiments[1].variants[0].share}); {@link #write}
 * replaces the file atomically (temporary file in the same directory, then an atomic move), so a reader never sees
 * half a file.
 *
 * <p>{@code version} grows by one with every change ({@link #put}, {@link #stop}), so that stores shared by several
 * instances never replace newer definitions with older ones; a file without it (written before it existed) is
 * version 0.
 */
public record ExperimentsFile(long version, List<Experiment> experiments) {

    /** The conventional place, relative to the models directory. */
    public static final String FILE_NAME = "experiments.json";

    public ExperimentsFile {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, was " + version);
        }
        experiments = experiments == null ? List.of() : List.copyOf(experiments);
    }

    /** Definitions at version 0. */
    public ExperimentsFile(List<Experiment> experiments) {
        this(0, experiments);
    }

    public static ExperimentsFile empty() {
        return new ExperimentsFile(List.of());
    }

    /**
     * Reads and validates the file; a missing file means no experiments.
     *
     * @throws InvalidExperimentException naming the file and every bad field
     * @throws UncheckedIOException       if the file exists but cannot be read
     */
    public static ExperimentsFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses and validates a document; {@code source} (a file name) starts the message of any error.
     *
     * @throws InvalidExperimentException naming every bad field
     */
    public static ExperimentsFile parse(byte[] json, String source) {
        List<ErrorDetail> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (JacksonException e) {
            errors.add(new ErrorDetail("$", "malformed JSON: " + e.getOriginalMessage()));
            throw new InvalidExperimentException(source, errors);
        }
        if (root == null || !root.isObject()) {
            errors.add(new ErrorDetail(
                    "$", "must be a JSON object {\"experiments\": [...]}, was " + ExperimentReader.kind(root)));
            throw new InvalidExperimentException(source, errors);
        }
        long version = 0;
        JsonNode v = root.get("version");
        if (v != null && !v.isNull()) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                errors.add(new ErrorDetail("version", "must be a whole number >= 0, was " + ExperimentReader.kind(v)));
            } else {
                version = v.longValue();
            }
        }
        JsonNode list = root.get("experiments");
        List<Experiment> experiments = new ArrayList<>();
        if (list == null || list.isNull()) {
            errors.add(new ErrorDetail("experiments", "is required"));
        } else if (!list.isArray()) {
            errors.add(new ErrorDetail("experiments", "must be an array, was " + ExperimentReader.kind(list)));
        } else {
            for (int i = 0; i < list.size(); i++) {
                Experiment e = ExperimentReader.read(list.get(i), "experiments[" + i + "].", errors);
                if (e != null) {
                    experiments.add(e);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException(source, errors);
        }
        ExperimentsFile file = new ExperimentsFile(version, experiments);
        List<ErrorDetail> problems = file.validate();
        if (!problems.isEmpty()) {
            throw new InvalidExperimentException(source, problems);
        }
        return file;
    }

    /** Every broken invariant; empty when valid. */
    public List<ErrorDetail> validate() {
        return validate(null);
    }

    /** Every broken invariant, asking modelKnown (nullable) whether each variant's model exists. */
    public List<ErrorDetail> validate(Predicate<String> modelKnown) {
        List<ErrorDetail> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String running = null;
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            String prefix = "experiments[" + i + "].";
            e.validateInto(prefix, modelKnown, errors);
            if (e.name() != null && !names.add(e.name())) {
                errors.add(new ErrorDetail(prefix + "name", "'" + e.name() + "' is used by an earlier experiment"));
            }
            if (e.isRunning()) {
                if (running != null) {
                    errors.add(new ErrorDetail(
                            prefix + "status",
                            "'" + e.name() + "' and '" + running
                                    + "' are both running; at most one experiment runs at a time"));
                } else {
                    running = e.name();
                }
            }
        }
        return List.copyOf(errors);
    }

    /**
     * Writes the file atomically: a temporary file in the same directory, forced to disk, then moved over the
     * target with {@link StandardCopyOption#ATOMIC_MOVE}. Creates the directory if needed.
     *
     * @throws UncheckedIOException naming the file, if it cannot be written
     */
    public void write(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot replace files atomically", e);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error matters more than a stray temporary file
                }
            }
        }
    }

    /** The running experiment, if any. */
    public Optional<Experiment> running() {
        return experiments.stream().filter(Experiment::isRunning).findFirst();
    }

    /** The experiment of that name, running or stopped. */
    public Optional<Experiment> find(String name) {
        return experiments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The file after {@code PUT /admin/experiments/{name}}: the experiment is added, or replaces the one of the
     * same name, and is running. A new or restarted experiment gets {@code started_at = now}; changing a running one
     * (say, its shares) keeps its start. The status and times in {@code experiment} itself are ignored.
     *
     * @throws InvalidExperimentException if another experiment is running ({@code name}), if the salt or unit of
     *                                    the running experiment would change (that would reassign every unit
     *                                    mid-test; stop it and start a new one), or if the result is invalid
     */
    public ExperimentsFile put(Experiment experiment, Instant now) {
        List<ErrorDetail> errors = new ArrayList<>(experiment.validate());
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException("experiment '" + experiment.name() + "'", errors);
        }
        Experiment previous = find(experiment.name()).orElse(null);
        Optional<Experiment> other = running().filter(r -> !r.name().equals(experiment.name()));
        if (other.isPresent()) {
            errors.add(new ErrorDetail(
                    "name",
                    "experiment '" + other.get().name() + "' is running; stop it before starting '" + experiment.name()
                            + "'"));
        }
        Instant startedAt = now;
        if (previous != null && previous.isRunning()) {
            if (!previous.salt().equals(experiment.salt())) {
                errors.add(new ErrorDetail(
                        "salt",
                        "cannot change while the experiment runs (it would reassign "
                                + "every unit); stop it and start a new experiment"));
            }
            if (!previous.effectiveUnit().equals(experiment.effectiveUnit())) {
                errors.add(new ErrorDetail(
                        "unit", "cannot change while the experiment runs; stop it and start a " + "new experiment"));
            }
            startedAt = previous.startedAt() == null ? now : previous.startedAt();
        }
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException("experiment '" + experiment.name() + "'", errors);
        }
        Experiment started = experiment.withStatus(ExperimentStatus.RUNNING, startedAt, null);
        List<Experiment> next = new ArrayList<>(experiments);
        int at = next.indexOf(previous);
        if (at >= 0) {
            next.set(at, started);
        } else {
            next.add(started);
        }
        ExperimentsFile result = new ExperimentsFile(version + 1, next);
        List<ErrorDetail> problems = result.validate();
        if (!problems.isEmpty()) {
            throw new InvalidExperimentException("experiment '" + experiment.name() + "'", problems);
        }
        return result;
    }

    /**
     * The file after {@code DELETE /admin/experiments/{name}}: the experiment is stopped (kept, with
     * {@code stopped_at = now}); stopping a stopped experiment changes nothing. Empty if there is no such experiment.
     */
    public Optional<ExperimentsFile> stop(String name, Instant now) {
        Optional<Experiment> found = find(name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Experiment e = found.get();
        if (!e.isRunning()) {
            return Optional.of(this);
        }
        List<Experiment> next = new ArrayList<>(experiments);
        next.set(next.indexOf(e), e.withStatus(ExperimentStatus.STOPPED, e.startedAt(), now));
        return Optional.of(new ExperimentsFile(version + 1, next));
    }
}
