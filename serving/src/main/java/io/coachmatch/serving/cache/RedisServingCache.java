package io.coachmatch.serving.cache;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis through Lettuce, every command bounded by a timeout. While Redis is down, commands are
 * rejected at once (no queueing), callers get {@code available == false}, and a background check
 * reconnects; the next command after Redis returns works again, with no restart.
 */
public final class RedisServingCache implements ServingCache {

    private static final Logger log = LoggerFactory.getLogger(RedisServingCache.class);
    static final String RESULT_PREFIX = "match_result:";
    static final String CATALOG_KEY = "catalog:coaches";
    static final String STATS_KEY = "stats:shared";

    private final Redis redis;
    private final Duration resultTtl;
    private final Duration catalogTtl;
    private final ScheduledExecutorService watchdog;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile boolean available;
    private volatile boolean reportedDown;

    /** @param redis the service's client; this cache opens its own connection on it, with the client's timeout */
    public RedisServingCache(Redis redis, Duration resultTtl, Duration catalogTtl) {
        this.redis = redis;
        this.resultTtl = resultTtl;
        this.catalogTtl = catalogTtl;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-watchdog");
            t.setDaemon(true);
            return t;
        });
        check();
        watchdog.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** How long a command may wait for Redis: its connection's timeout. */
    public Duration commandTimeout() {
        StatefulRedisConnection<String, byte[]> c = connection;
        return c == null ? redis.timeout() : c.getTimeout();
    }

    /** Connects when there is no connection yet, and pings to keep {@link #available()} honest. */
    private void check() {
        try {
            StatefulRedisConnection<String, byte[]> c = connection;
            if (c == null) {
                c = redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                connection = c;
            }
            c.sync().ping();
            up();
        } catch (RuntimeException e) {
            down(e);
        }
    }

    private void up() {
        if (!available) {
            log.info("Redis at {} is available", redis.where());
        }
        available = true;
        reportedDown = false;
    }

    private void down(RuntimeException e) {
        available = false;
        if (!reportedDown) {
            reportedDown = true;
            log.warn(
                    "Redis at {} is unavailable ({}); answering without the cache until it returns",
                    redis.where(),
                    e.getMessage());
        }
    }

    private RedisCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || !available) {
            return null;
        }
        return c.sync();
    }

    @Override
    public Read getResult(String requestId) {
        RedisCommands<String, byte[]> cmd = commands();
        if (cmd == null) {
            return new Read(false, null);
        }
        try {
            return new Read(true, cmd.get(RESULT_PREFIX + requestId));
        } catch (RuntimeException e) {
            down(e);
            return new Read(false, null);
        }
    }

    @Override
    public Optional<byte[]> putResultIfAbsent(String requestId, byte[] answer) {
        RedisCommands<String, byte[]> cmd = commands();
        if (cmd == null) {
            return Optional.empty();
        }
        String key = RESULT_PREFIX + requestId;
        try {
            String ok = cmd.set(key, answer, SetArgs.Builder.nx().px(resultTtl.toMillis()));
            if ("OK".equals(ok)) {
                return Optional.of(answer);
            }
            byte[] earlier = cmd.get(key);
            return Optional.of(earlier == null ? answer : earlier);
        } catch (RuntimeException e) {
            down(e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> getCatalog() {
        RedisCommands<String, byte[]> cmd = commands();
        if (cmd == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(cmd.get(CATALOG_KEY));
        } catch (RuntimeException e) {
            down(e);
            return Optional.empty();
        }
    }

    @Override
    public void putCatalog(byte[] catalog) {
        RedisCommands<String, byte[]> cmd = commands();
        if (cmd == null) {
            return;
        }
        try {
            cmd.set(CATALOG_KEY, catalog, SetArgs.Builder.px(catalogTtl.toMillis()));
        } catch (RuntimeException e) {
            down(e);
        }
    }

    @Override
    public void addStats(Map<String, Long> deltas) {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || !available || deltas.isEmpty()) {
            return;
        }
        try {
            var async = c.async();
            deltas.forEach((k, v) -> async.hincrby(STATS_KEY, k, v));
        } catch (RuntimeException e) {
            down(e);
        }
    }

    @Override
    public Map<String, Long> sharedStats() {
        RedisCommands<String, byte[]> cmd = commands();
        Map<String, Long> out = new TreeMap<>();
        if (cmd == null) {
            return out;
        }
        try {
            cmd.hgetall(STATS_KEY).forEach((k, v) -> out.put(k, Long.parseLong(new String(v, StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            down(e);
        }
        return out;
    }

    @Override
    public String mode() {
        return "redis";
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
    }
}
