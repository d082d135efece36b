package io.coachmatch.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar runs with {@code java -jar}, finds its verbs, and ranks with the shipped model. */
class TrainJarIntegrationTests {

    private static final Path JAR = Path.of("target/coachmatch-train.jar");

    private static String run(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcoachmatch.progress=false",
                "-jar",
                JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("finished in time: %s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theFatJarListsTheShippedRegistryAndRanksTheSeedRequest(@TempDir Path tmp) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(run(root, "--help")).contains("generate").contains("train").contains("compare");
        assertThat(run(root, "list"))
                .contains("v0001")
                .contains("v0002")
                .contains("production")
                .contains("ok");
        Path out = tmp.resolve("ranked.jsonl");
        Path seed = Path.of(
                TrainJarIntegrationTests.class.getResource("/seed-request.json").toURI());
        assertThat(run(
                        root,
                        "rank",
                        "--coaches",
                        "data/coaches.jsonl",
                        "--requests",
                        seed.toString(),
                        "--out",
                        out.toString()))
                .contains("v0002");
        assertThat(Files.readString(out)).startsWith("{\"request_id\":\"request_1\",\"coach_ids\":[\"coach_");
    }
}
