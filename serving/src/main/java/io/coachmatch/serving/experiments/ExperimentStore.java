package io.coachmatch.serving.experiments;

import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the experiments live so that every instance sees a change: {@code models/experiments.json} always (it
 * survives restarts and is what operators edit), and with Redis also the key {@value #KEY}, which instances poll.
 */
public interface ExperimentStore {

    /** The current definitions; a missing store means no experiments. */
    ExperimentsFile load();

    void save(ExperimentsFile file);

    /** {@code redis} or {@code file}. */
    String mode();

    String KEY = "experiments:file";

    /** The file alone: one instance, or instances sharing the models directory. */
    final class FileStore implements ExperimentStore {
        private final Path file;

        public FileStore(Path file) {
            this.file = file;
        }

        @Override
        public ExperimentsFile load() {
            return ExperimentsFile.read(file);
        }

        @Override
        public void save(ExperimentsFile experiments) {
            experiments.write(file);
        }

        @Override
        public String mode() {
            return "file";
        }
    }

    /**
     * Redis first: the key holds the file's JSON; when it is absent the file seeds it. While Redis is down the file
     * answers, so an instance keeps serving the last definitions it can see.
     */
    final class RedisStore implements ExperimentStore {
        private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

        private final ExperimentsRedis redis;
        private final FileStore file;

        public RedisStore(ExperimentsRedis redis, Path file) {
            this.redis = redis;
            this.file = new FileStore(file);
        }

        @Override
        public ExperimentsFile load() {
            String json;
            try {
                json = redis.call(c -> c.get(KEY));
                if (json == null && Files.exists(file.file)) {
                    byte[] bytes = Json.bytes(file.load());
                    redis.call(c -> c.setnx(KEY, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                    json = redis.call(c -> c.get(KEY));
                }
            } catch (RuntimeException e) {
                log.debug("Redis unavailable for experiments, reading {}: {}", file.file, e.toString());
                return file.load();
            }
            return json == null ? ExperimentsFile.empty()
                    : ExperimentsFile.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "redis key " + KEY);
        }

        @Override
        public void save(ExperimentsFile experiments) {
            String json = new String(Json.bytes(experiments), java.nio.charset.StandardCharsets.UTF_8);
            redis.call(c -> c.set(KEY, json));
            try {
                file.save(experiments);
            } catch (RuntimeException e) {
                log.warn("Experiments saved to Redis but not to {}: {}", file.file, e.getMessage());
            }
        }

        @Override
        public String mode() {
            return "redis";
        }
    }
}
