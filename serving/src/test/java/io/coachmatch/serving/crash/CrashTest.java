package io.coachmatch.serving.crash;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import io.coachmatch.serving.kafka.InProcessKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.util.FileSystemUtils;

/**
 * The crash test of issue 9 item 6: a broker and two service instances in child processes, the backend played
 * here, and while requests flow, instances killed with SIGKILL (then restarted with the same {@code INSTANCE_ID})
 * and the broker killed and restarted on the same data. It reports lost and duplicated answers, latency and the
 * longest stall of any partition, and fails when anything was lost or duplicated or a stall exceeded
 * {@code --max-stall} (for a broker restart, not counting the time the broker was down).
 *
 * <pre>
 *   # 10,000 requests, 3 kills, 1 broker restart
 *   ./mvnw -B -q -pl serving -am -Pcrash verify -DskipTests
 *   # the short version, for CI
 *   ./mvnw -B -q -pl serving -am -Pcrash verify -DskipTests -Dcrash.args="--requests 2000 --kills 1 --broker-restarts 0"
 * </pre>
 *
 * Options: {@code --requests N} (10000), {@code --rate N} per second (200), {@code --kills N} (3),
 * {@code --broker-restarts N} (1), {@code --max-stall SECONDS} (10), {@code --seed N} (42),
 * {@code --restart-delay SECONDS} (2), {@code --settle SECONDS} (5, the least time between an event's recovery and
 * the next event), {@code --warmup SECONDS} (10, the least load before the first event, so that it does not meet
 * cold JVMs), {@code --drain SECONDS} (90, the longest wait for answers after the last send),
 * {@code --service-env KEY=VALUE,...} (extra environment of the instances, e.g. {@code KAFKA_SESSION_TIMEOUT=4s}),
 * {@code --broker-abort-interval-ms N} (the broker's transaction.abort.timed.out.transaction.cleanup.interval.ms;
 * 1000, Kafka's default is 10000),
 * {@code --group-protocol classic|consumer} (the service's default), {@code --jar PATH}
 * (target/coachmatch-serving.jar), {@code --out DIR} (target/crash). Output of the children goes to files there.
 *
 * <p>Events are spread over the sending time, but each waits until the previous one has recovered (the request
 * group is stable again with every consumer of both instances owning partitions) plus {@code --settle}, so that
 * their effects do not overlap; when instances restart slowly the load therefore goes on past {@code --requests},
 * at the same rate, until
 * the last event has recovered.
 */
public final class CrashTest {

    static final String REQUESTS = "matching-requests";
    static final String RESPONSES = "matching-responses";
    static final String ERRORS = "matching-errors";
    static final int PARTITIONS = 6;
    static final String GROUP = "coachmatch-serving";
    /** The service's default KAFKA_CONCURRENCY: request consumers per instance. */
    static final int CONSUMERS_PER_INSTANCE = 2;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** The load goes on while events are pending, up to this many times {@code --requests}. */
    private static final int MAX_EXTENSION = 10;

    record Options(
            int requests,
            int rate,
            int kills,
            int brokerRestarts,
            double maxStall,
            long seed,
            double restartDelay,
            double settle,
            double drain,
            double warmup,
            String groupProtocol,
            Map<String, String> serviceEnv,
            String brokerAbortIntervalMs,
            Path jar,
            Path out) {

        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            "bad argument '" + args[i] + "': options are --name value " + "(see CrashTest's Javadoc)");
                }
                m.put(args[i].substring(2), args[++i]);
            }
            Options o = new Options(
                    Integer.parseInt(m.getOrDefault("requests", "10000")),
                    Integer.parseInt(m.getOrDefault("rate", "200")),
                    Integer.parseInt(m.getOrDefault("kills", "3")),
                    Integer.parseInt(m.getOrDefault("broker-restarts", "1")),
                    Double.parseDouble(m.getOrDefault("max-stall", "10")),
                    Long.parseLong(m.getOrDefault("seed", "42")),
                    Double.parseDouble(m.getOrDefault("restart-delay", "2")),
                    Double.parseDouble(m.getOrDefault("settle", "5")),
                    Double.parseDouble(m.getOrDefault("drain", "90")),
                    Double.parseDouble(m.getOrDefault("warmup", "10")),
                    m.getOrDefault("group-protocol", ""),
                    env(m.getOrDefault("service-env", "")),
                    m.get("broker-abort-interval-ms"),
                    Path.of(m.getOrDefault("jar", "target/coachmatch-serving.jar")),
                    Path.of(m.getOrDefault("out", "target/crash")));
            List<String> known = List.of(
                    "requests",
                    "rate",
                    "kills",
                    "broker-restarts",
                    "max-stall",
                    "seed",
                    "restart-delay",
                    "settle",
                    "drain",
                    "warmup",
                    "group-protocol",
                    "service-env",
                    "broker-abort-interval-ms",
                    "jar",
                    "out");
            for (String k : m.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
                }
            }
            if (o.requests < 1 || o.rate < 1 || o.kills < 0 || o.brokerRestarts < 0 || o.maxStall <= 0) {
                throw new IllegalArgumentException("--requests and --rate must be positive, --kills and "
                        + "--broker-restarts at least 0, --max-stall positive");
            }
            return o;
        }

        /** {@code KEY=VALUE,KEY=VALUE}: extra environment of the service instances. */
        private static Map<String, String> env(String list) {
            Map<String, String> env = new HashMap<>();
            for (String pair : list.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(
                            "--service-env wants KEY=VALUE[,KEY=VALUE...], got '" + pair + "'");
                }
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return env;
        }
    }

    /**
     * An instance kill or a broker restart (nanoTime): when it happened, when what it killed was up again (the
     * instance ready and owning partitions, the broker accepting clients), and when the group was stable again with
     * every consumer of both instances owning partitions.
     */
    record Event(String what, boolean broker, long at, long upAt, long backAt) {}

    /** A service instance: its stable id and HTTP port, and the process of its current life. */
    private static final class Instance {
        final String id;
        final int httpPort;
        volatile Process process;
        int lives;

        Instance(String id, int httpPort) {
            this.id = id;
            this.httpPort = httpPort;
        }
    }

    private final Options options;
    private final Children children;
    private final Path dataDir;
    private final int brokerPort = InProcessKafkaBroker.freePort();
    private final int controllerPort = InProcessKafkaBroker.freePort();
    private final String bootstrap = "127.0.0.1:" + brokerPort;
    private final Path repoRoot;
    private final List<Instance> instances = new ArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile Process broker;
    private int brokerLives;
    private volatile boolean sending = true;
    private volatile String activity = "starting";

    private CrashTest(Options options) throws IOException {
        this.options = options;
        Path out = options.out().toAbsolutePath();
        FileSystemUtils.deleteRecursively(out);
        Files.createDirectories(out);
        this.children = new Children(out);
        this.dataDir = out.resolve("kafka-data");
        Path cwd = Path.of("").toAbsolutePath();
        this.repoRoot = Files.isDirectory(cwd.resolve("data")) ? cwd : cwd.getParent();
    }

    public static void main(String[] args) {
        int status;
        CrashTest test = null;
        try {
            Options o = Options.parse(args);
            test = new CrashTest(o);
            status = test.run();
        } catch (Exception e) {
            System.err.println(
                    "crash test failed: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            status = 2;
        } finally {
            if (test != null) {
                test.children.killAll();
            }
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Path jar = options.jar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no service jar at " + jar + ": build it with ./mvnw -B -q -pl serving -am package -DskipTests");
        }
        long t0 = System.nanoTime();
        say("starting the broker on %s (data in %s)", bootstrap, dataDir);
        startBroker();
        createTopics();
        Random random = new Random(options.seed());
        String first = random.nextBoolean() ? "a" : "b";
        instances.add(new Instance(first, InProcessKafkaBroker.freePort()));
        instances.add(new Instance(first.equals("a") ? "b" : "a", InProcessKafkaBroker.freePort()));
        say("starting instances %s and %s", instances.get(0).id, instances.get(1).id);
        CompletableFuture<?>[] starts = instances.stream()
                .map(i -> CompletableFuture.runAsync(() -> startInstance(i)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(starts).join();
        say("cluster ready in %.1f s", (System.nanoTime() - t0) / 1e9);

        int n = options.requests();
        Ledger ledger = new Ledger(n * MAX_EXTENSION);
        String prefix = "crash_" + Long.toString(System.currentTimeMillis(), 36) + "_";
        List<MatchingRequest> requests = SyntheticCatalog.requests(options.seed(), Math.min(n, 5_000), Instant.now());
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> read(ledger, prefix, reading), "crash-reader");
        reader.setDaemon(true);
        reader.start();

        long sendStart = System.nanoTime();
        List<Boolean> plan = plan(options.kills(), options.brokerRestarts());
        double sendSeconds = (double) n / options.rate();
        Thread chaos = new Thread(() -> chaos(plan, sendStart, sendSeconds, random), "crash-events");
        chaos.setDaemon(true);
        chaos.start();
        Thread progress = new Thread(() -> progress(ledger, sendStart), "crash-progress");
        progress.setDaemon(true);
        progress.start();

        send(ledger, prefix, requests, sendStart, chaos);
        long sendEnd = System.nanoTime();
        sending = false;
        activity = "draining";
        long drainDeadline = sendEnd + (long) (options.drain() * 1e9);
        while ((ledger.answered() < ledger.sent() || chaos.isAlive()) && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        if (chaos.isAlive()) {
            chaos.interrupt();
        }
        Thread.sleep(3000); // late duplicates
        reading.set(false);
        reader.join(10_000);
        long end = System.nanoTime();
        progress.interrupt();

        String report = report(ledger, sendStart, sendEnd, end, plan.size());
        System.out.print(report);
        Files.writeString(options.out().resolve("report.txt"), report);
        return report.contains("RESULT: PASS") ? 0 : 1;
    }

    // ---- the events ------------------------------------------------------------------------------------------

    /** The order of events: instance kills (true) with broker restarts (false) spread among them. */
    static List<Boolean> plan(int kills, int brokerRestarts) {
        int total = kills + brokerRestarts;
        TreeSet<Integer> brokerAt = new TreeSet<>();
        for (int j = 0; j < brokerRestarts; j++) {
            int at = (int) ((long) (j + 1) * total / (brokerRestarts + 1));
            while (brokerAt.contains(at) || at >= total) {
                at = (at + 1) % total;
            }
            brokerAt.add(at);
        }
        List<Boolean> plan = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            plan.add(!brokerAt.contains(i));
        }
        return plan;
    }

    /**
     * Runs the planned events spread evenly over the sending time (jittered by the seed); each waits until the
     * previous one has recovered plus {@code --settle}, so that their effects stay apart.
     */
    private void chaos(List<Boolean> plan, long sendStart, double sendSeconds, Random random) {
        long notBefore = sendStart + (long) (options.warmup() * 1e9); // not while the instances are still cold
        int kills = 0;
        try {
            for (int e = 0; e < plan.size(); e++) {
                double slot = sendSeconds / (plan.size() + 1);
                double at = slot * (e + 1) + slot * 0.2 * (random.nextDouble() - 0.5);
                long due = Math.max(sendStart + (long) (at * 1e9), notBefore);
                sleepUntil(due);
                Event done;
                if (plan.get(e)) {
                    done = killInstance(instances.get(kills++ % instances.size()));
                } else {
                    done = restartBroker();
                }
                events.add(done);
                notBefore = done.backAt() + (long) (options.settle() * 1e9);
            }
            sleepUntil(notBefore); // the last event's recovery under load too
            activity = sending ? "sending" : "draining";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            activity = "events stopped: " + e.getMessage();
            say("an event failed: %s", e.getMessage());
        }
    }

    private Event killInstance(Instance i) throws InterruptedException {
        activity = "instance " + i.id + " killed";
        long at = System.nanoTime();
        Children.kill(i.process);
        say("kill -9 instance %s; restarting it in %.1f s", i.id, options.restartDelay());
        Thread.sleep((long) (options.restartDelay() * 1000));
        activity = "instance " + i.id + " restarting";
        startInstance(i);
        long up = System.nanoTime();
        say("instance %s is up (ready and owning partitions) %.1f s after the kill", i.id, (up - at) / 1e9);
        long back = awaitGroupStable();
        activity = sending ? "sending" : "draining";
        return new Event("kill -9 instance " + i.id, false, at, up, back);
    }

    private Event restartBroker() throws InterruptedException {
        activity = "broker killed";
        long at = System.nanoTime();
        Children.kill(broker);
        say("kill -9 the broker; starting it again on the same port and data");
        activity = "broker restarting";
        startBroker();
        long up = System.nanoTime();
        say("the broker is up %.1f s after the kill", (up - at) / 1e9);
        long back = awaitGroupStable();
        activity = sending ? "sending" : "draining";
        return new Event("broker restart", true, at, up, back);
    }

    /**
     * Waits until the request group is stable with all consumers of both instances owning partitions, so that the
     * next event does not land in the middle of this one's rebalance; returns when (nanoTime).
     */
    private long awaitGroupStable() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP))
                            .all()
                            .get()
                            .get(GROUP);
                    if (g.groupState() == GroupState.STABLE
                            && g.members().size() == instances.size() * CONSUMERS_PER_INSTANCE
                            && g.members().stream()
                                    .noneMatch(m ->
                                            m.assignment().topicPartitions().isEmpty())) {
                        long now = System.nanoTime();
                        say("the group is stable again (%.1f s later)", (now - t0) / 1e9);
                        return now;
                    }
                } catch (ExecutionException e) {
                    // the coordinator is still loading
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the group " + GROUP + " was not stable with every consumer owning "
                + "partitions within " + START_TIMEOUT.toSeconds() + " s");
    }

    private void startBroker() {
        try {
            broker = children.startBroker(
                    brokerPort,
                    controllerPort,
                    dataDir,
                    options.brokerAbortIntervalMs(),
                    "broker." + (++brokerLives) + ".log",
                    START_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the broker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the broker", e);
        }
    }

    private void startInstance(Instance i) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SERVER_PORT", Integer.toString(i.httpPort));
        env.put("INSTANCE_ID", "crash-" + i.id);
        env.put("COACHES_FILE", repoRoot.resolve("data/coaches.jsonl").toString());
        env.put("MODEL_REGISTRY_DIR", repoRoot.resolve("models").toString());
        env.put("MATCHING_WARMUP", "1s");
        if (!options.groupProtocol().isBlank()) {
            env.put("KAFKA_GROUP_PROTOCOL", options.groupProtocol());
        }
        env.putAll(options.serviceEnv());
        try {
            i.process = children.startInstance(
                    options.jar().toAbsolutePath(),
                    repoRoot,
                    env,
                    i.httpPort,
                    "instance-" + i.id + "." + (++i.lives) + ".log",
                    START_TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start instance " + i.id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting instance " + i.id, e);
        }
    }

    // ---- the backend -----------------------------------------------------------------------------------------

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of(REQUESTS, RESPONSES, ERRORS, "matching-feedback")) {
                topics.add(new NewTopic(t, PARTITIONS, (short) 1));
            }
            topics.add(new NewTopic("coach-profiles", PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Sends {@code --requests} requests at {@code --rate}, and goes on at that rate while events are still to come
     * or recovering (so that every event happens under load), up to {@value #MAX_EXTENSION} times as many. Each is
     * a contract request from the seeded synthetic generator with its own request_id and a correlation_id header.
     */
    private void send(Ledger ledger, String prefix, List<MatchingRequest> requests, long start, Thread chaos) {
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // a retried send is never a second request
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        long interval = 1_000_000_000L / options.rate();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            activity = "sending";
            for (int i = 0; i < ledger.size() && (i < options.requests() || chaos.isAlive()); i++) {
                sleepUntil(start + i * interval);
                byte[] payload = Json.bytes(requests.get(i % requests.size()).withRequestId(prefix + i));
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(REQUESTS, prefix + i, payload);
                r.headers().add("correlation_id", ("corr-" + i).getBytes(StandardCharsets.UTF_8));
                int index = i;
                ledger.sent(i, System.nanoTime());
                producer.send(r, (meta, error) -> {
                    if (error == null) {
                        ledger.partition(index, meta.partition());
                    } else {
                        say("request %d was not sent: %s", index, error);
                    }
                });
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    /** Reads both answer topics from the start, read_committed, and books every answer of this run. */
    private void read(Ledger ledger, String prefix, AtomicBoolean reading) {
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(RESPONSES, ERRORS)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    parts.add(new TopicPartition(t, p));
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String key = r.key();
                    if (key == null || !key.startsWith(prefix)) {
                        continue;
                    }
                    int i = Integer.parseInt(key.substring(prefix.length()));
                    ledger.answer(i, now, r.topic().equals(ERRORS));
                }
            }
        } catch (RuntimeException e) {
            say("the answer reader failed: %s", e);
        }
    }

    private void progress(Ledger ledger, long start) {
        try {
            while (true) {
                Thread.sleep(5000);
                say(
                        "sent %,d  answered %,d  waiting %,d  errors %,d  duplicated %,d  [%s]",
                        ledger.sent(),
                        ledger.answered(),
                        ledger.sent() - ledger.answered(),
                        ledger.errors(),
                        ledger.duplicated(),
                        activity);
            }
        } catch (InterruptedException e) {
            // done
        }
    }

    // ---- the report ------------------------------------------------------------------------------------------

    private String report(Ledger ledger, long sendStart, long sendEnd, long end, int planned) {
        int n = ledger.sent();
        long[] latencies = new long[ledger.answered()];
        int k = 0;
        for (int i = 0; i < ledger.size() && k < latencies.length; i++) {
            if (ledger.answeredAt(i) != 0) {
                latencies[k++] = ledger.answeredAt(i) - ledger.sentAt(i);
            }
        }
        Arrays.sort(latencies, 0, k);
        int lost = n - ledger.answered();
        List<Stalls.Stall> stalls = Stalls.of(ledger, PARTITIONS, end, 1_000_000_000L);
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "%n==== crash test report ====%n"));
        r.append(String.format(
                Locale.ROOT,
                "load          %,d requests at %d/s, seed %d, sent in %.1f s%s%n",
                n,
                options.rate(),
                options.seed(),
                (sendEnd - sendStart) / 1e9,
                n > options.requests()
                        ? String.format(
                                Locale.ROOT,
                                " (%,d more than --requests, to keep the load on until the " + "last event recovered)",
                                n - options.requests())
                        : ""));
        r.append(String.format(
                Locale.ROOT,
                "events        %d of %d planned (%d kills, %d broker restarts)%n",
                events.size(),
                planned,
                options.kills(),
                options.brokerRestarts()));
        for (Event e : events) {
            r.append(String.format(
                    Locale.ROOT,
                    "  %6.1f s  %-20s up after %4.1f s, group stable after %4.1f s%s%n",
                    sec(e.at(), sendStart),
                    e.what(),
                    (e.upAt() - e.at()) / 1e9,
                    (e.backAt() - e.at()) / 1e9,
                    e.backAt() <= sendEnd ? "" : "  (recovered after the last send: not fully measured)"));
        }
        r.append(String.format(Locale.ROOT, "sent          %,d%n", ledger.sent()));
        r.append(String.format(Locale.ROOT, "answered      %,d (errors %,d)%n", ledger.answered(), ledger.errors()));
        r.append(String.format(Locale.ROOT, "lost          %,d%n", lost));
        r.append(String.format(Locale.ROOT, "duplicated    %,d%n", ledger.duplicated()));
        if (k > 0) {
            r.append(String.format(
                    Locale.ROOT,
                    "latency       p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    pct(latencies, k, 0.50),
                    pct(latencies, k, 0.99),
                    latencies[k - 1] / 1e6));
        }
        double worstCounted = 0;
        if (stalls.isEmpty()) {
            r.append(String.format(Locale.ROOT, "longest stall none over 1 s%n"));
        } else {
            Stalls.Stall s = stalls.get(0);
            r.append(String.format(
                    Locale.ROOT,
                    "longest stall %.1f s, partition %d, %.1f-%.1f s, %s%n",
                    s.nanos() / 1e9,
                    s.partition(),
                    sec(s.start(), sendStart),
                    sec(s.end(), sendStart),
                    cause(s, sendStart)));
            r.append(String.format(Locale.ROOT, "per event     longest stall of any partition after it%n"));
            r.append(String.format(
                    Locale.ROOT,
                    "  %-32s %.1f s%n",
                    "(before any event)",
                    longestBefore(
                                    stalls,
                                    events.isEmpty()
                                            ? Long.MAX_VALUE
                                            : events.get(0).at())
                            / 1e9));
            for (int e = 0; e < events.size(); e++) {
                Event ev = events.get(e);
                long until = e + 1 < events.size() ? events.get(e + 1).at() : Long.MAX_VALUE;
                Stalls.Stall worst = longestIn(stalls, ev.at(), until);
                if (worst == null) {
                    continue;
                }
                double counted = (worst.nanos() - brokerDown(worst)) / 1e9;
                worstCounted = Math.max(worstCounted, counted);
                r.append(String.format(
                        Locale.ROOT,
                        "  %-32s %.1f s (partition %d)%s%n",
                        String.format(Locale.ROOT, "%.1f s %s", sec(ev.at(), sendStart), ev.what()),
                        worst.nanos() / 1e9,
                        worst.partition(),
                        ev.broker()
                                ? String.format(
                                        Locale.ROOT, ", %.1f s of it with the broker down", brokerDownSec(worst))
                                : ""));
            }
            worstCounted = Math.max(
                    worstCounted,
                    longestBefore(
                                    stalls,
                                    events.isEmpty()
                                            ? Long.MAX_VALUE
                                            : events.get(0).at())
                            / 1e9);
        }
        List<String> failures = new ArrayList<>();
        if (lost > 0) {
            failures.add(lost + " lost");
        }
        if (ledger.duplicated() > 0) {
            failures.add(ledger.duplicated() + " duplicated");
        }
        if (worstCounted > options.maxStall()) {
            failures.add(String.format(
                    Locale.ROOT,
                    "a stall of %.1f s (broker downtime not counted) over --max-stall %.1f s",
                    worstCounted,
                    options.maxStall()));
        }
        if (events.size() < planned) {
            failures.add((planned - events.size()) + " planned events did not happen");
        }
        r.append(
                failures.isEmpty()
                        ? String.format(Locale.ROOT, "RESULT: PASS (stall limit %.1f s)%n", options.maxStall())
                        : "RESULT: FAIL: " + String.join(", ", failures) + System.lineSeparator());
        return r.toString();
    }

    /** The last event before the stall ended, if it began at most 30 s before the stall. */
    private String cause(Stalls.Stall s, long sendStart) {
        Event cause = null;
        for (Event e : events) {
            if (e.at() <= s.end() && e.at() >= s.start() - 30_000_000_000L) {
                cause = e;
            }
        }
        return cause == null
                ? "no event before it"
                : String.format(Locale.ROOT, "after %s at %.1f s", cause.what(), sec(cause.at(), sendStart));
    }

    private static long longestBefore(List<Stalls.Stall> stalls, long until) {
        return stalls.stream()
                .filter(s -> s.end() < until)
                .mapToLong(Stalls.Stall::nanos)
                .max()
                .orElse(0);
    }

    private static Stalls.Stall longestIn(List<Stalls.Stall> stalls, long from, long until) {
        return stalls.stream()
                .filter(s -> s.end() >= from && s.end() < until)
                .findFirst()
                .orElse(null);
    }

    /** How long the broker was down during the stall. */
    private long brokerDown(Stalls.Stall s) {
        long down = 0;
        for (Event e : events) {
            if (e.broker()) {
                down += Math.max(0, Math.min(s.end(), e.upAt()) - Math.max(s.start(), e.at()));
            }
        }
        return down;
    }

    private double brokerDownSec(Stalls.Stall s) {
        return brokerDown(s) / 1e9;
    }

    private static double pct(long[] sorted, int n, double p) {
        int i = (int) Math.ceil(p * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, i))] / 1e6;
    }

    private static double sec(long nanos, long origin) {
        return (nanos - origin) / 1e9;
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(
                Locale.ROOT, "%tT  %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
