package io.coachmatch.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsFileVersionTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aFileWithoutAVersionIsVersionZero() {
        ExperimentsFile f = ExperimentsFile.parse("{\"experiments\":[]}".getBytes(StandardCharsets.UTF_8), "old");
        assertThat(f.version()).isZero();
    }

    @Test
    void everyChangeAddsOneAndStoppingAStoppedExperimentChangesNothing() {
        ExperimentsFile started = ExperimentsFile.empty().put(ExperimentDefinitionTests.experiment("x", "s", 0.5), NOW);
        assertThat(started.version()).isEqualTo(1);
        ExperimentsFile stopped = started.stop("x", NOW).orElseThrow();
        assertThat(stopped.version()).isEqualTo(2);
        assertThat(stopped.stop("x", NOW)).contains(stopped);
    }

    @Test
    void theVersionIsWrittenAndReadBack(@TempDir Path dir) {
        ExperimentsFile f = ExperimentsFile.empty().put(ExperimentDefinitionTests.experiment("x", "s", 0.5), NOW);
        f.write(dir.resolve("experiments.json"));
        assertThat(ExperimentsFile.read(dir.resolve("experiments.json"))).isEqualTo(f);
    }

    @Test
    void aNegativeOrFractionalVersionIsRefused() {
        assertThatThrownBy(() -> ExperimentsFile.parse(
                        "{\"version\":-1,\"experiments\":[]}".getBytes(StandardCharsets.UTF_8), "bad"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ExperimentsFile.parse(
                        "{\"version\":1.5,\"experiments\":[]}".getBytes(StandardCharsets.UTF_8), "bad"))
                .isInstanceOf(InvalidExperimentException.class);
    }
}
