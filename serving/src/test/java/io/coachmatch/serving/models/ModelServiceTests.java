package io.coachmatch.serving.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.ModelScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reloads and {@code describe()} say in answers: versions and aliases, never a path or an exception's text
 * (those go to the log).
 */
class ModelServiceTests {

    private static final String SECRET = "/very/secret/place/model.json: NullPointerException in Loader.read";

    @TempDir
    Path dir;

    private ModelService service(Path registry, Function<Path, ModelSource> opener) {
        return new ModelService(new ModelSettings(registry.toString(), "production", Duration.ofSeconds(1)), opener);
    }

    /** A registry whose alias points to v1, which fails to load, or whose listing fails too. */
    private static ModelSource broken(boolean listingFails) {
        return new ModelSource() {
            @Override
            public List<String> versions() {
                if (listingFails) {
                    throw new IllegalStateException(SECRET);
                }
                return List.of("v1");
            }

            @Override
            public Map<String, String> aliases() {
                return Map.of("production", "v1");
            }

            @Override
            public Optional<String> resolve(String versionOrAlias) {
                return Optional.of("v1");
            }

            @Override
            public ModelScorer load(String version) {
                throw new IllegalStateException(SECRET);
            }
        };
    }

    private static void assertPublic(String text, Path dir) {
        assertThat(text)
                .doesNotContain(dir.toString(), dir.toAbsolutePath().toString(), SECRET, "Exception", "/very/secret");
    }

    @Nested
    class Answers {

        @Test
        void aMissingRegistryIsDescribedWithoutItsPath() {
            Path missing = dir.resolve("nowhere");
            ModelService models = service(missing, d -> broken(false));
            ModelService.ReloadResult r = models.reload();
            assertThat(r.status()).isEqualTo("rules_only");
            assertPublic(r.message(), missing);
            assertPublic(models.lastError(), missing);
            assertPublic(Json.string(models.describe()), missing);
        }

        @Test
        void aModelThatFailsToLoadIsRefusedWithoutTheExceptionsText() throws Exception {
            Files.createDirectories(dir);
            ModelService models = service(dir, d -> broken(false));
            ModelService.ReloadResult r = models.reload();
            assertThat(r.status()).isEqualTo("refused");
            assertThat(r.message()).contains("v1");
            assertPublic(r.message(), dir);
            assertPublic(models.lastError(), dir);
        }

        @Test
        void anUnreadableRegistryIsDescribedWithoutTheExceptionsText() {
            ModelService models = service(dir, d -> broken(true));
            Map<String, Object> described = models.describe();
            assertThat(described.get("registry")).isEqualTo(dir.getFileName().toString());
            assertThat(described).containsKey("registry_error");
            assertPublic(Json.string(described), dir);

            ModelService unopenable = service(dir, d -> {
                throw new IllegalStateException(SECRET);
            });
            ModelService.ReloadResult r = unopenable.reload();
            assertThat(r.status()).isEqualTo("refused");
            assertPublic(r.message(), dir);
        }
    }
}
