package io.coachmatch.serving.kafka;

import io.coachmatch.serving.startup.PortInUseAtStart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) inside this JVM, from Kafka's own
 * production jars, with its data in a temporary directory deleted on {@link #close()}. It lets the
 * service, and the integration tests, run with nothing installed but a JDK. The crash test runs it
 * in a child JVM with a persistent directory ({@link #startPersistent}), so that it can be killed
 * and started again on the same data.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBroker.class);

    static final String DIR_PREFIX = "coachmatch-kafka-";
    /** The id of the process whose broker uses the directory, so a later start can tell a stale one. */
    static final String OWNER_FILE = "owner.pid";

    /** The temporary directory deleted on close; null for a persistent broker. */
    private final Path dataDir;

    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private InProcessKafkaBroker(Path dataDir, int port, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
    }

    /**
     * Formats a fresh log directory and starts the broker.
     *
     * @param port the client port on 127.0.0.1; 0 picks a free one
     */
    public static InProcessKafkaBroker start(int port) {
        if (port != 0) {
            requireFree(port);
        }
        Path home;
        Path dir;
        try {
            home = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(
                    home.resolve(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()));
            dir = Files.createDirectory(home.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded Kafka broker", e);
        }
        removeStale(home.getParent(), home);
        try {
            return launch(home, dir, port == 0 ? freePort() : port, freePort(), Map.of(), true);
        } catch (RuntimeException e) {
            deleteQuietly(home);
            throw e;
        }
    }

    /**
     * Starts a broker whose data outlives it: {@code dataDir} is formatted on first use only, so a broker started
     * again on the same directory (after a clean stop or a kill) recovers its topics, offsets and transactions.
     * The ports must be the same on every start. {@link #close()} keeps the directory.
     *
     * @param overrides broker properties set on top of the defaults (e.g. shorter transaction clean-up intervals)
     */
    public static InProcessKafkaBroker startPersistent(
            int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        requireFree(port);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + dataDir, e);
        }
        return launch(
                null, dataDir, port, controllerPort, overrides, !Files.exists(dataDir.resolve("meta.properties")));
    }

    /**
     * @param home     deleted on close (null: keep the data)
     * @param format   whether {@code dir} is new and must be formatted first
     */
    private static InProcessKafkaBroker launch(
            Path home, Path dir, int clientPort, int controllerPort, Map<String, String> overrides, boolean format) {
        long t0 = System.nanoTime();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("unstable.api.versions.enable", "false");
        // a crashed producer's open transaction is aborted within a second of its timeout, not up to 10 s later
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.putAll(overrides);
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        if (format) {
            try {
                Formatter formatter = new Formatter()
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(1)
                        .setDirectories(List.of(dir.toString()))
                        .setMetadataLogDirectory(dir.toString())
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setControllerListenerName("CONTROLLER")
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
                formatter.run();
            } catch (Exception e) {
                throw new IllegalStateException("cannot format the embedded Kafka broker's storage in " + dir, e);
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot start the embedded Kafka broker on 127.0.0.1:" + clientPort
                            + " (is the port taken? set EMBEDDED_KAFKA_PORT or KAFKA_BOOTSTRAP_SERVERS)",
                    e);
        }
        log.info(
                "Embedded Kafka broker (KRaft) started on 127.0.0.1:{} in {} ms, data in {}",
                clientPort,
                (System.nanoTime() - t0) / 1_000_000,
                dir);
        return new InProcessKafkaBroker(home, clientPort, server);
    }

    /**
     * Deletes the data directories under {@code root} that brokers of processes no longer running left behind (a
     * killed service cannot delete its own; each can hold gigabytes). A directory counts as one of ours only with
     * its owner file; one whose owner is alive, or unreadable, is kept.
     *
     * @param keep a directory never to delete (this broker's own); may be null
     * @return how many directories were deleted
     */
    static int removeStale(Path root, Path keep) {
        int removed = 0;
        try (var entries = Files.newDirectoryStream(root, DIR_PREFIX + "*")) {
            for (Path d : entries) {
                if (d.equals(keep) || !Files.isDirectory(d)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(d.resolve(OWNER_FILE)).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteQuietly(d);
                removed++;
            }
        } catch (IOException e) {
            log.debug("Could not look for stale embedded Kafka directories in {}: {}", root, e.toString());
        }
        if (removed > 0) {
            log.info(
                    "Removed {} embedded Kafka data director{} left in {} by processes that are gone",
                    removed,
                    removed == 1 ? "y" : "ies",
                    root);
        }
        return removed;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (dataDir != null) {
                deleteQuietly(dataDir);
            }
            log.info("Embedded Kafka broker on 127.0.0.1:{} stopped", port);
        }
    }

    /** Kafka hangs on a port in use instead of failing, so check first. */
    private static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new PortInUseAtStart(
                    port,
                    "the embedded Kafka broker",
                    "set EMBEDDED_KAFKA_PORT to a free port, or KAFKA_BOOTSTRAP_SERVERS to use that Kafka");
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded Kafka broker", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not delete the embedded Kafka data directory {}: {}", dir, e.toString());
        }
    }
}
