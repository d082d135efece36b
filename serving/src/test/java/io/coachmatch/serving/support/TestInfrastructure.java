package io.coachmatch.serving.support;

import io.coachmatch.serving.kafka.InProcessKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * The real servers integration tests run against, started once per test JVM: a KRaft Kafka broker
 * in this JVM and a redis-server process. Redis can be stopped and started again on the same port, coming back
 * empty ({@link #stopRedis()}) or with its data ({@link #stopRedisKeepingData()}, as a Redis with persistence).
 */
public final class TestInfrastructure {

    private static InProcessKafkaBroker kafka;
    private static RedisServer redis;
    private static int redisPort;
    private static Path redisDir;

    private TestInfrastructure() {}

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = InProcessKafkaBroker.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka.bootstrapServers();
    }

    public static synchronized int redisPort() {
        if (redis == null) {
            redisPort = freePort();
            startRedis();
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopRedis));
        }
        return redisPort;
    }

    public static synchronized void startRedis() {
        try {
            if (redisDir == null) {
                redisDir = Files.createTempDirectory("coachmatch-redis-");
            }
            redis = RedisServer.newRedisServer()
                    .port(redisPort)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + redisDir)
                    .setting("dbfilename dump.rdb")
                    .build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + redisPort, e);
        }
    }

    /** Stops Redis; it starts again empty. */
    public static synchronized void stopRedis() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
            if (redisDir != null) {
                Files.deleteIfExists(redisDir.resolve("dump.rdb"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop redis-server", e);
        }
    }

    /** Snapshots Redis's data and stops it; it starts again with that data. */
    public static synchronized void stopRedisKeepingData() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (var c = client.connect()) {
            c.sync().save();
        } finally {
            client.shutdown();
        }
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop redis-server", e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
