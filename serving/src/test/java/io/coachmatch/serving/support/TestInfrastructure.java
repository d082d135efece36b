package io.coachmatch.serving.support;

import io.coachmatch.serving.kafka.InProcessKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The real servers integration tests run against, started once per test JVM: a KRaft Kafka broker
 * in this JVM and a redis-server process. Redis can be stopped and started again on the same port.
 */
public final class TestInfrastructure {

    private static InProcessKafkaBroker kafka;
    private static RedisServer redis;
    private static int redisPort;

    private TestInfrastructure() {
    }

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
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + redisPort, e);
        }
    }

    public static synchronized void stopRedis() {
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
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
