package io.coachmatch.serving.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.function.Function;

/**
 * One Lettuce connection (UTF-8 strings) for experiments, counts and feedback deduplication, on the service's
 * {@link Redis} client, every command bounded by its own timeout. A failed first connect is retried on the next
 * use; once connected Lettuce reconnects.
 */
public final class RedisStrings implements AutoCloseable {

    private final Redis redis;
    private final boolean ownsClient;
    private final int database;
    private final Duration timeout;
    private volatile StatefulRedisConnection<String, String> connection;

    /** A connection on the service's client. */
    public RedisStrings(Redis redis, Duration timeout) {
        this(redis, false, 0, timeout);
    }

    /** A connection on a client of its own, closed with it (for tests and tools). */
    public RedisStrings(String host, int port, Duration timeout) {
        this(host, port, 0, timeout);
    }

    /**
     * A connection on a client of its own, closed with it (for tests and tools).
     *
     * @param database the Redis database index (0 unless instances are kept apart, as in tests)
     */
    public RedisStrings(String host, int port, int database, Duration timeout) {
        this(new Redis(host, port, timeout), true, database, timeout);
    }

    private RedisStrings(Redis redis, boolean ownsClient, int database, Duration timeout) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.database = database;
        this.timeout = timeout;
    }

    /** Runs commands; throws a Lettuce exception when Redis cannot be reached. */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = redis.connect(StringCodec.UTF8, database, timeout);
                    connection = c;
                }
            }
        }
        return commands.apply(c.sync());
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        if (ownsClient) {
            redis.close();
        }
    }
}
