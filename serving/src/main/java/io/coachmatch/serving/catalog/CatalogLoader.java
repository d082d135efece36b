package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.serving.cache.ServingCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Fills the catalog: from {@code BACKEND_API_URL} when set (cached in Redis for an hour, the
 * fallback when the backend is down), otherwise from {@code COACHES_FILE}. Invalid profiles are
 * skipped and logged with file, line and field.
 */
public class CatalogLoader {

    private static final Logger log = LoggerFactory.getLogger(CatalogLoader.class);

    private final CatalogSettings settings;
    private final CoachCatalog catalog;
    private final CoachValidator validator;
    private final ServingCache cache;
    private final HttpClient http;

    public CatalogLoader(CatalogSettings settings, CoachCatalog catalog, CoachValidator validator, ServingCache cache) {
        this.settings = settings;
        this.catalog = catalog;
        this.validator = validator;
        this.cache = cache;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.backendTimeout())
                .build();
    }

    /** The file the catalog is read from, resolved against the working directory. */
    public Path coachesFile() {
        return Path.of(settings.coachesFile()).toAbsolutePath().normalize();
    }

    /**
     * Starts the startup load in the background, so it overlaps the rest of startup; the request
     * listener starts only once it is done.
     */
    public CompletableFuture<Void> loadInitialAsync() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        loadInitial();
                        f.complete(null);
                    } catch (RuntimeException e) {
                        log.error("Catalog: the initial load failed", e);
                        f.completeExceptionally(e);
                    }
                },
                "catalog-initial-load");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The startup load: backend, then the cached copy, then the file. */
    public void loadInitial() {
        if (settings.backendEnabled()) {
            if (refreshFromBackend()) {
                return;
            }
            Optional<byte[]> cached = cache.getCatalog();
            if (cached.isPresent()) {
                List<CoachProfile> coaches = parseDocument(cached.get(), "the cached catalog");
                catalog.replaceAll(coaches, "cache");
                log.info("Catalog: {} coaches from the cached copy (backend unavailable)", coaches.size());
                return;
            }
        }
        loadFile();
    }

    public void loadFile() {
        Path file = coachesFile();
        if (!Files.isRegularFile(file)) {
            log.warn(
                    "Catalog: no coach file at {} (set COACHES_FILE); the catalog is empty until coaches arrive on "
                            + "the coach-profiles topic",
                    file);
            return;
        }
        long t0 = System.nanoTime();
        List<CoachProfile> coaches = new ArrayList<>();
        List<JsonLines.LineError> errors = new ArrayList<>();
        JsonLines.ReadStats stats =
                JsonLines.read(file, CoachProfile.class, validator::validate, coaches::add, errors::add, false);
        for (int i = 0; i < Math.min(10, errors.size()); i++) {
            log.warn("Catalog: skipped {}", errors.get(i));
        }
        if (errors.size() > 10) {
            log.warn("Catalog: skipped {} more invalid coaches", errors.size() - 10);
        }
        catalog.replaceAll(coaches, "file:" + file);
        log.info(
                "Catalog: {} coaches from {} ({} skipped) in {} ms",
                stats.records(),
                file,
                stats.skipped(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Fetches the catalog from the backend; false (and the catalog untouched) when that fails. */
    public boolean refreshFromBackend() {
        if (!settings.backendEnabled()) {
            return false;
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(settings.backendApiUrl()))
                    .timeout(settings.backendTimeout())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                log.warn("Catalog: the backend at {} answered {}", settings.backendApiUrl(), resp.statusCode());
                return false;
            }
            List<CoachProfile> coaches = parseDocument(resp.body(), settings.backendApiUrl());
            catalog.replaceAll(coaches, "backend");
            cache.putCatalog(Json.bytes(coaches));
            log.info("Catalog: {} coaches from the backend", coaches.size());
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Catalog: cannot fetch from the backend at {}: {}", settings.backendApiUrl(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A JSON array of profiles, or an object holding one under {@code coaches} or {@code items}. */
    List<CoachProfile> parseDocument(byte[] body, String where) {
        JsonNode root = Json.tree(body);
        JsonNode array = root.isArray() ? root : root.has("coaches") ? root.get("coaches") : root.get("items");
        List<CoachProfile> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(where + ": expected a JSON array of coach profiles");
        }
        int i = 0;
        for (JsonNode node : array) {
            var problems = validator.validate(node);
            if (problems.isEmpty()) {
                out.add(Json.convert(node, CoachProfile.class));
            } else {
                log.warn(
                        "Catalog: {} [{}] skipped: {} {}",
                        where,
                        i,
                        problems.get(0).field(),
                        problems.get(0).problem());
            }
            i++;
        }
        return out;
    }
}
