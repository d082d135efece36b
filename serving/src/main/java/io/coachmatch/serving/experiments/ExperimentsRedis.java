package io.coachmatch.serving.experiments;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.function.Function;

/**
 * One Lettuce connection (UTF-8 strings) for experiments, counts and feedback deduplication, every command bounded
 * by the cache timeout. A failed first connect is retried on the next use; once connected Lettuce reconnects.
 */
public final class ExperimentsRedis implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public ExperimentsRedis(String host, int port, Duration timeout) {
        this(host, port, 0, timeout);
    }

    /** @param database the Redis database index (0 unless instances are kept apart, as in tests) */
    public ExperimentsRedis(String host, int port, int database, Duration timeout) {
        RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withTimeout(timeout)
                .build();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout.multipliedBy(2)).build())
                .build());
    }

    /** Runs commands; throws a Lettuce exception when Redis cannot be reached. */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
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
        client.shutdown();
    }
}
