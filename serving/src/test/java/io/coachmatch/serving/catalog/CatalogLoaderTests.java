package io.coachmatch.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.LocalServingCache;
import io.coachmatch.serving.support.TestCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTests {

    @TempDir
    Path dir;

    private HttpServer backend;
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile byte[] body;

    private final LocalServingCache cache = new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 100);
    private final CoachValidator validator = new CoachValidator(ValidationLimits.defaults(), CurrencyRates.defaults());

    private String startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/coaches", ex -> {
            byte[] b = status.get() == 200 ? body : "down".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        backend.start();
        return "http://127.0.0.1:" + backend.getAddress().getPort() + "/coaches";
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    private CoachCatalog catalog() {
        return new CoachCatalog(
                new CatalogSettings("x", null, Duration.ofMinutes(30), 100, Duration.ofSeconds(1)),
                CurrencyRates.defaults());
    }

    private CatalogLoader loader(CoachCatalog catalog, String file, String url) {
        return new CatalogLoader(
                new CatalogSettings(file, url, Duration.ofMinutes(30), 100, Duration.ofSeconds(2)),
                catalog,
                validator,
                cache);
    }

    @Nested
    class FromTheBackend {

        @Test
        void theCatalogComesFromTheBackendAndIsCachedAsTheFallback() throws Exception {
            body = Json.bytes(TestCatalog.coaches().subList(0, 12));
            String url = startBackend();
            CoachCatalog first = catalog();
            loader(first, dir.resolve("none.jsonl").toString(), url).loadInitial();
            assertThat(first.snapshot().size()).isEqualTo(12);
            assertThat(first.snapshot().source()).isEqualTo("backend");

            status.set(503);
            CoachCatalog second = catalog();
            loader(second, dir.resolve("none.jsonl").toString(), url).loadInitial();

            assertThat(second.snapshot().size()).isEqualTo(12);
            assertThat(second.snapshot().source()).isEqualTo("cache");
        }

        @Test
        void aFailedRefreshKeepsTheCatalogItHas() throws Exception {
            body = ("{\"coaches\":" + new String(Json.bytes(TestCatalog.coaches()), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            String url = startBackend();
            CoachCatalog catalog = catalog();
            CatalogLoader loader = loader(catalog, "none.jsonl", url);
            assertThat(loader.refreshFromBackend()).isTrue();
            status.set(500);
            assertThat(loader.refreshFromBackend()).isFalse();
            assertThat(catalog.snapshot().size()).isEqualTo(40);
        }
    }

    @Test
    void invalidCoachesInTheFileAreSkippedAndTheRestLoaded() throws Exception {
        List<String> lines = new ArrayList<>();
        for (CoachProfile c : TestCatalog.coaches().subList(0, 5)) {
            lines.add(Json.string(c));
        }
        lines.add("{\"id\":\"broken\",\"hourly_rate\":\"lots\"}");
        lines.add("not json");
        Path file = dir.resolve("coaches.jsonl");
        Files.write(file, lines);
        CoachCatalog catalog = catalog();

        loader(catalog, file.toString(), null).loadInitial();

        assertThat(catalog.snapshot().size()).isEqualTo(5);
    }
}
