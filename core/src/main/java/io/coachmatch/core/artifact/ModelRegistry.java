package io.coachmatch.core.artifact;

import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A directory of model versions and the aliases that point at them:
 * <pre>
 *   models/aliases.json          {"production": "v0001", ...}
 *   models/v0001/model.json      the {@link ModelDefinition}
 *   models/v0001/manifest.json   the {@link Manifest}, with the SHA-256 of model.json
 * </pre>
 * A version directory is written once, completely, under a temporary name and then renamed into
 * place, so a reader never sees half a version. {@link #load} refuses a version whose model.json no
 * longer matches its checksum or whose format this code does not read. {@link #promote} replaces
 * {@code aliases.json} by an atomic rename, so a reader sees the old aliases or the new, never a mix.
 */
public final class ModelRegistry {

    /** Version names: {@code v} and at least four digits. */
    public static final Pattern VERSION = Pattern.compile("v\\d{4,9}");
    /** Alias names: letters, digits, dot, dash, underscore. */
    public static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    public static final String MODEL_FILE = "model.json";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String ALIASES_FILE = "aliases.json";

    private final Path dir;
    private final CurrencyRates rates;

    private ModelRegistry(Path dir, CurrencyRates rates) {
        this.dir = dir;
        this.rates = rates;
    }

    /** Opens a registry (the directory need not exist yet) with the default currency table. */
    public static ModelRegistry open(Path dir) {
        return open(dir, CurrencyRates.defaults());
    }

    /** @param rates the currency table that loaded models use to convert coaches' rates */
    public static ModelRegistry open(Path dir, CurrencyRates rates) {
        return new ModelRegistry(dir, rates);
    }

    public Path directory() {
        return dir;
    }

    /** The versions present, oldest first. */
    public List<String> versions() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (VERSION.matcher(name).matches() && Files.isDirectory(p)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model registry " + dir, e);
        }
        out.sort(Comparator.comparingLong(ModelRegistry::number));
        return out;
    }

    /** The aliases, by name; empty when there is no aliases.json. */
    public Map<String, String> aliases() {
        Path file = dir.resolve(ALIASES_FILE);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            JsonNode tree = Json.tree(Files.readAllBytes(file));
            if (!tree.isObject()) {
                throw new ArtifactException(file + " must hold a JSON object of alias to version");
            }
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : tree.properties()) {
                if (!e.getValue().isString()) {
                    throw new ArtifactException(file + ": alias '" + e.getKey() + "' must name a version as a string");
                }
                out.put(e.getKey(), e.getValue().asString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JacksonException e) {
            throw new ArtifactException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The version an alias points at, or the version itself when it exists; empty otherwise. */
    public Optional<String> resolve(String versionOrAlias) {
        if (versionOrAlias == null) {
            return Optional.empty();
        }
        String target = aliases().get(versionOrAlias);
        if (target != null) {
            return Optional.of(target);
        }
        if (VERSION.matcher(versionOrAlias).matches() && Files.isDirectory(dir.resolve(versionOrAlias))) {
            return Optional.of(versionOrAlias);
        }
        return Optional.empty();
    }

    /**
     * Reads a version's manifest, checking its format version but not the model's checksum.
     *
     * @throws ArtifactException when the version or its manifest is missing, unreadable or of an unknown format
     */
    public Manifest manifest(String version) {
        Path file = versionDir(version).resolve(MANIFEST_FILE);
        String where = MANIFEST_FILE + " of " + version;
        byte[] bytes = readArtifactFile(file, where);
        try {
            JsonNode tree = Json.tree(bytes);
            checkFormatVersion(tree, where);
            Manifest m = Json.convert(tree, Manifest.class);
            if (!version.equals(m.version())) {
                throw new ArtifactException(
                        where + " names version " + m.version() + "; a version's manifest must name its own directory");
            }
            if (m.sha256() == null || !m.sha256().matches("[0-9a-f]{64}")) {
                throw new ArtifactException(where + " has no valid sha256 of " + MODEL_FILE);
            }
            return m;
        } catch (JacksonException e) {
            throw new ArtifactException(where + " is not a valid manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Loads and verifies a version (an alias is resolved first): the manifest's format, the SHA-256 of
     * model.json against the manifest, the model's format and its consistency.
     *
     * @throws ArtifactException naming the version and the problem
     */
    public LoadedModel load(String versionOrAlias) {
        String version = resolve(versionOrAlias)
                .orElseThrow(() -> new ArtifactException("no model version or alias '" + versionOrAlias
                        + "' in registry " + dir + " (versions: " + versions() + ", aliases: " + aliases() + ")"));
        Manifest manifest = manifest(version);
        Path file = versionDir(version).resolve(MODEL_FILE);
        String where = MODEL_FILE + " of " + version;
        byte[] bytes = readArtifactFile(file, where);
        String actual = sha256(bytes);
        if (!actual.equals(manifest.sha256())) {
            throw new ArtifactException(where + " does not match its manifest: its sha256 is " + actual
                    + " but manifest.json says " + manifest.sha256() + " (the file was changed or damaged)");
        }
        ModelDefinition definition = parseModel(bytes, where);
        return new LoadedModel(version, manifest, CompiledModel.of(definition, where), rates);
    }

    /** Refuses a document whose {@code format_version} is missing or outside what this reader supports. */
    private static void checkFormatVersion(JsonNode tree, String where) {
        JsonNode fv = tree.get("format_version");
        if (fv == null || !fv.isIntegralNumber()) {
            throw new ArtifactException(where + " has no format_version");
        }
        int format = fv.asInt();
        if (format < ModelDefinition.OLDEST_FORMAT_VERSION || format > ModelDefinition.FORMAT_VERSION) {
            throw ModelDefinition.unsupported(where, format);
        }
    }

    /**
     * Reads model.json bytes, checking the format version before binding.
     *
     * @throws ArtifactException for invalid JSON or an unknown format version
     */
    public static ModelDefinition parseModel(byte[] bytes, String where) {
        try {
            JsonNode tree = Json.tree(bytes);
            checkFormatVersion(tree, where);
            return Json.convert(tree, ModelDefinition.class);
        } catch (JacksonException e) {
            throw new ArtifactException(where + " is not a valid model: " + e.getOriginalMessage(), e);
        }
    }

    /** The bytes written as model.json for a definition: the same definition always gives the same bytes. */
    public static byte[] modelBytes(ModelDefinition definition) {
        return Json.bytes(definition);
    }

    /**
     * Points an alias at a version, replacing aliases.json by an atomic rename. The version must load
     * (a tampered or unknown version is never promoted).
     *
     * @throws ArtifactException for a bad alias name or a version that does not load
     */
    public void promote(String version, String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new ArtifactException("alias '" + alias + "' must match " + ALIAS.pattern());
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new ArtifactException("'" + version + "' is not a version name like v0001");
        }
        load(version);
        Map<String, String> next = new TreeMap<>(aliases());
        next.put(alias, version);
        writeAtomically(
                dir.resolve(ALIASES_FILE),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
    }

    /** The name the next published version gets. */
    public String nextVersion() {
        List<String> v = versions();
        long n = v.isEmpty() ? 1 : number(v.get(v.size() - 1)) + 1;
        return String.format("v%04d", n);
    }

    /**
     * Publishes a new version: model.json and a manifest with the version's name and the model's
     * checksum, written under a temporary name and renamed into place.
     *
     * @param draft the manifest without version and sha256 (both are filled here)
     * @return the version written
     */
    public String publish(ModelDefinition definition, Manifest draft) {
        byte[] model = modelBytes(definition);
        String sha = sha256(model);
        try {
            Files.createDirectories(dir);
            for (int attempt = 0; attempt < 100; attempt++) {
                String version = nextVersion();
                Manifest manifest = draft.withVersionAndSha256(version, sha);
                Path tmp = dir.resolve(".tmp-" + version + "-" + UUID.randomUUID());
                Files.createDirectory(tmp);
                Files.write(tmp.resolve(MODEL_FILE), model);
                Files.write(
                        tmp.resolve(MANIFEST_FILE),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                Path target = dir.resolve(version);
                try {
                    if (Files.exists(target)) {
                        throw new FileAlreadyExistsException(target.toString());
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    return version;
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    deleteTree(tmp);
                }
            }
            throw new ArtifactException("could not claim a new version name in " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a model version into " + dir, e);
        }
    }

    /** Lower-case hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Writes a file by writing a temporary sibling and renaming it over the target atomically. */
    static void writeAtomically(Path target, byte[] bytes) {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                throw new ArtifactException("the file system of " + target + " cannot replace files atomically", e);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private Path versionDir(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new ArtifactException("'" + version + "' is not a version name like v0001");
        }
        Path p = dir.resolve(version);
        if (!Files.isDirectory(p)) {
            throw new ArtifactException(
                    "no model version " + version + " in registry " + dir + " (versions: " + versions() + ")");
        }
        return p;
    }

    private static byte[] readArtifactFile(Path file, String where) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(where + " is missing (" + file + ")", e);
        } catch (IOException e) {
            throw new ArtifactException(where + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static long number(String version) {
        return Long.parseLong(version.substring(1));
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /** For tables: every alias pointing at each version. */
    public Map<String, List<String>> aliasesByVersion() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        aliases()
                .forEach(
                        (a, v) -> out.computeIfAbsent(v, k -> new ArrayList<>()).add(a));
        return out;
    }
}
