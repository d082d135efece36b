package io.coachmatch.serving.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one Lettuce client of a service: the answer cache, the experiments and the counters each open their own
 * connection (with their own codec and, if they need one, their own command timeout) on it. Commands are bounded by
 * their connection's timeout, rejected at once while disconnected, and the client reconnects at once, then every 200 ms at most.
 */
public final class Redis implements AutoCloseable {

    private final RedisClient client;
    private final ClientResources resources;
    private final Duration timeout;
    private final String where;
    private final RedisURI uri;

    /** @param timeout every connection's default command timeout (twice it to connect) */
    public Redis(String host, int port, Duration timeout) {
        this.timeout = timeout;
        this.where = host + ":" + port;
        // reconnect at once after a blip, then back off to every 200 ms while Redis stays away
        this.resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(1), Duration.ofMillis(200), 2, TimeUnit.MILLISECONDS))
                .build();
        this.uri = RedisURI.builder()
                .withHost(host)
                .withPort(port)
                .withTimeout(timeout)
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // each command is bounded by its connection's timeout, which a connection may change
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(timeout.multipliedBy(2))
                        .build())
                .build());
    }

    /** A new connection to database 0 with the default timeout. */
    public <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
        return client.connect(codec);
    }

    /** A new connection to another database (kept across reconnects) with its own command timeout. */
    public <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec, int database, Duration timeout) {
        return client.connect(
                codec,
                RedisURI.builder(uri)
                        .withDatabase(database)
                        .withTimeout(timeout)
                        .build());
    }

    /** The default command timeout of a new connection. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code host:port}, for logs. */
    public String where() {
        return where;
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
}
