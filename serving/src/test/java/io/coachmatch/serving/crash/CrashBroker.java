package io.coachmatch.serving.crash;

import io.coachmatch.serving.kafka.InProcessKafkaBroker;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The crash test's broker, run in a child JVM so that it can be killed: a single KRaft node on fixed
 * ports whose data directory survives restarts. Prints {@value #READY} once it accepts clients.
 *
 * <pre>
 *   java -cp CLASSPATH io.coachmatch.serving.crash.CrashBroker PORT CONTROLLER_PORT DATA_DIR [ABORT_INTERVAL_MS]
 * </pre>
 */
public final class CrashBroker {

    static final String READY = "CRASH-BROKER READY";

    /**
     * A killed producer's open transaction holds back read_committed readers until the broker aborts it: at the
     * latest its timeout plus this check interval (Kafka's default is 10 s). Recommended for production brokers too.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
            // how often expired transactional ids are removed; irrelevant to stalls, kept short so the test's
            // broker does not carry ids from earlier runs around
            "transaction.remove.expired.transaction.cleanup.interval.ms", "60000",
            // for instances on Kafka's KIP-848 group protocol (KAFKA_GROUP_PROTOCOL=consumer), whose session timeout
            // and heartbeat interval the broker sets: the same 6 s and 1.5 s the classic protocol gets from the client
            "group.consumer.min.session.timeout.ms", "1000",
            "group.consumer.session.timeout.ms", "6000",
            "group.consumer.min.heartbeat.interval.ms", "500",
            "group.consumer.heartbeat.interval.ms", "1500",
            // lets the classic protocol's KAFKA_SESSION_TIMEOUT go below the broker's default minimum of 6 s
            "group.min.session.timeout.ms", "1000");

    private CrashBroker() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: CrashBroker PORT CONTROLLER_PORT DATA_DIR [ABORT_INTERVAL_MS]");
            System.exit(2);
        }
        Map<String, String> settings = new HashMap<>(SETTINGS);
        if (args.length == 4) { // to measure what the recommended interval buys
            settings.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", args[3]);
        }
        InProcessKafkaBroker broker = InProcessKafkaBroker.startPersistent(
                Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "crash-broker-stop"));
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
