package io.coachmatch.serving.experiments;

import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.cache.RedisStrings;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
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

    /** A change was refused because the shared definitions changed meanwhile (another instance's change won). */
    final class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /**
     * Redis first: the key holds the definitions' JSON, with their {@code version}. Every write is a compare-and-set
     * on the version (a Lua script), so newer definitions are never replaced by older ones. This instance keeps the
     * last definitions it read or wrote in memory: while Redis is down they keep serving (the file of this instance
     * may be older, as only the instance that handled the last change wrote its file), and when Redis comes back
     * empty (or older) they seed it, unless the file is newer. The file is read only when this instance has not yet
     * seen Redis.
     */
    final class RedisStore implements ExperimentStore {
        private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

        /** Sets KEYS[1] to ARGV[1] unless it holds a version at least ARGV[2]; returns 1 when set. */
        static final String COMPARE_AND_SET = """
                local current = redis.call('GET', KEYS[1])
                if current then
                  local ok, doc = pcall(cjson.decode, current)
                  local version = 0
                  if ok and type(doc) == 'table' and type(doc['version']) == 'number' then version = doc['version'] end
                  if version >= tonumber(ARGV[2]) then return 0 end
                end
                redis.call('SET', KEYS[1], ARGV[1])
                return 1
                """;

        private final RedisStrings redis;
        private final FileStore file;
        private volatile ExperimentsFile lastGood;

        public RedisStore(RedisStrings redis, Path file) {
            this.redis = redis;
            this.file = new FileStore(file);
        }

        @Override
        public ExperimentsFile load() {
            ExperimentsFile known = lastGood;
            String json;
            try {
                json = redis.call(c -> c.get(KEY));
                if (json == null) {
                    ExperimentsFile seed = newest(known, Files.exists(file.file) ? file.load() : null);
                    if (seed != null) {
                        compareAndSet(seed);
                        json = redis.call(c -> c.get(KEY));
                    }
                }
            } catch (RuntimeException e) {
                if (known != null) {
                    log.debug(
                            "Redis unavailable for experiments, serving the last definitions read (version {}): {}",
                            known.version(),
                            e.toString());
                    return known;
                }
                log.debug("Redis unavailable for experiments, reading {}: {}", file.file, e.toString());
                return file.load();
            }
            ExperimentsFile current = json == null
                    ? ExperimentsFile.empty()
                    : ExperimentsFile.parse(json.getBytes(StandardCharsets.UTF_8), "redis key " + KEY);
            if (known != null && known.version() > current.version()) {
                log.warn(
                        "Redis holds experiments version {}, older than version {} seen before; restoring it",
                        current.version(),
                        known.version());
                try {
                    compareAndSet(known);
                } catch (RuntimeException e) {
                    log.debug("Cannot restore the experiments in Redis: {}", e.toString());
                }
                return known;
            }
            lastGood = current;
            return current;
        }

        private static ExperimentsFile newest(ExperimentsFile a, ExperimentsFile b) {
            if (a == null) {
                return b;
            }
            return b == null || a.version() >= b.version() ? a : b;
        }

        private boolean compareAndSet(ExperimentsFile experiments) {
            String json = new String(Json.bytes(experiments), StandardCharsets.UTF_8);
            Long set = redis.call(c -> c.eval(
                    COMPARE_AND_SET,
                    ScriptOutputType.INTEGER,
                    new String[] {KEY},
                    json,
                    Long.toString(experiments.version())));
            return set != null && set == 1L;
        }

        /**
         * Writes new definitions, which must be newer than those in Redis.
         *
         * @throws ConflictException when Redis holds this version or a newer one (a concurrent change)
         */
        @Override
        public void save(ExperimentsFile experiments) {
            if (!compareAndSet(experiments)) {
                throw new ConflictException("the experiments were changed meanwhile (version " + experiments.version()
                        + " exists); read them again and retry");
            }
            lastGood = experiments;
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
