package io.coachmatch.serving.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed service cannot delete its embedded broker's data; the next start deletes what dead processes left. */
class StaleBrokerDirectoriesTests {

    @TempDir
    Path tmp;

    private Path brokerDir(String name, String owner) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(InProcessKafkaBroker.DIR_PREFIX + name));
        Files.createDirectories(d.resolve("data/matching-responses-0"));
        Files.writeString(d.resolve("data/matching-responses-0/00000000000000000000.log"), "x".repeat(1000));
        if (owner != null) {
            Files.writeString(d.resolve(InProcessKafkaBroker.OWNER_FILE), owner);
        }
        return d;
    }

    @Test
    void directoriesOfProcessesThatAreGoneAreDeletedAndNothingElse() throws Exception {
        Process finished = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true)
                .start();
        finished.getInputStream().readAllBytes();
        finished.waitFor();
        Path dead = brokerDir("1", Long.toString(finished.pid()));
        Path alive = brokerDir("2", Long.toString(ProcessHandle.current().pid()));
        Path own = brokerDir("3", "1");
        Path noOwner = brokerDir("4", null);
        Path garbled = brokerDir("5", "not a pid");
        Path other = Files.createDirectories(tmp.resolve("someone-else-1"));
        Files.writeString(other.resolve(InProcessKafkaBroker.OWNER_FILE), Long.toString(finished.pid()));

        int removed = InProcessKafkaBroker.removeStale(tmp, own);

        assertThat(removed).isEqualTo(1);
        assertThat(dead).doesNotExist();
        assertThat(alive).exists();
        assertThat(own).exists();
        assertThat(noOwner).exists();
        assertThat(garbled).exists();
        assertThat(other).exists();
    }

    @Test
    void aMissingRootIsNotAnError() {
        assertThat(InProcessKafkaBroker.removeStale(tmp.resolve("absent"), null))
                .isZero();
    }
}
