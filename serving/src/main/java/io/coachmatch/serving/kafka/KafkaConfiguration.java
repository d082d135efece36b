package io.coachmatch.serving.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring for exactly-once read-process-write: values are bytes both ways (we parse them
 * ourselves), consumers read only committed records, and the listener container runs each polled
 * batch in one producer transaction that also commits the consumed offsets.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean(destroyMethod = "close")
    KafkaEndpoint kafkaEndpoint(KafkaSettings settings) {
        if (!settings.embedded()) {
            log.info("Using Kafka at {}", settings.bootstrapServers());
            return new KafkaEndpoint(settings.bootstrapServers(), null);
        }
        log.info(
                "KAFKA_BOOTSTRAP_SERVERS is unset: using an embedded Kafka broker on port {}", settings.embeddedPort());
        InProcessKafkaBroker broker = EmbeddedKafkaLauncher.take(settings.embeddedPort());
        if (broker == null) {
            broker = InProcessKafkaBroker.start(settings.embeddedPort());
        }
        return new KafkaEndpoint(broker.bootstrapServers(), broker);
    }

    @Bean
    ProducerFactory<String, byte[]> producerFactory(
            KafkaEndpoint endpoint, KafkaSettings settings, @Value("${server.port:8080}") int serverPort) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Within a transaction nothing waits for linger: committing flushes. So let a batch's answers gather into
        // few, large record batches (an answer with its coach profiles is ~16 KB, over the 16 KB default batch size,
        // so each would otherwise be a batch of its own for the broker to validate and append).
        p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // The default 100 ms back-off is paid on every transaction's first send (the partition is added
        // to the transaction asynchronously), which costs ~200 ms at p99; 10 ms keeps p99 low.
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        // Answers are a few KB and each transaction sends a handful: compressing them buys little and costs a
        // compression buffer per batch here and a decompression on the broker (none is the default).
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        // A crashed instance's open transaction holds back read_committed readers of the partitions it wrote to
        // until the broker aborts it: at the latest this long after it began (plus the broker's check interval,
        // transaction.abort.timed.out.transaction.cleanup.interval.ms). A batch never needs more than a fraction of
        // it: Redis waits stop at cache-budget, which must be at most half of it.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                settings.transactionTimeout().toMillis());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRequestSize());
        DefaultKafkaProducerFactory<String, byte[]> pf = new DefaultKafkaProducerFactory<>(p);
        // Stable per instance (INSTANCE_ID, else host and port): a restarted instance takes its predecessor's
        // transactional ids, which fences it and aborts its open transactions at once. Two live instances must not
        // share one, or they would fence each other.
        pf.setTransactionIdPrefix(settings.transactionIdPrefix() + instanceId(settings, serverPort) + "-");
        // Suffixes from a fixed pool (0 .. n-1), reused after a producer is closed on an error, rather than an
        // ever-growing counter: so the ids a predecessor used are always among those ProducerFencing takes.
        pf.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(settings.transactionalProducers()));
        return pf;
    }

    /** INSTANCE_ID; else the host name and the HTTP port (unique per live instance on a host); else random. */
    static String instanceId(KafkaSettings settings, int serverPort) {
        if (settings.instanceId() != null && !settings.instanceId().isBlank()) {
            return settings.instanceId();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
        } catch (Exception e) {
            host = "host";
        }
        return serverPort > 0
                ? host + "-" + serverPort
                : host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> pf) {
        return new KafkaTemplate<>(pf);
    }

    @Bean
    KafkaTransactionManager<String, byte[]> kafkaTransactionManager(ProducerFactory<String, byte[]> pf) {
        return new KafkaTransactionManager<>(pf);
    }

    /** Consumer settings shared by the request listener and the coach-profiles feed. */
    static Map<String, Object> consumerProps(KafkaEndpoint endpoint) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return c;
    }

    @Bean
    ConsumerFactory<String, byte[]> consumerFactory(
            KafkaEndpoint endpoint, KafkaSettings settings, MeterRegistry registry) {
        Map<String, Object> c = consumerProps(endpoint);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        // A polled batch is one transaction, and the classic group protocol completes a rebalance round only when
        // every member has polled again: a batch holds up each round for as long as it takes (500 requests took
        // 1.0-1.7 s on a busy 2-core machine, after a broker restart with a backlog), and when the round moves its
        // partitions the batch's commit is refused and its work redone. 100 keeps a batch to a few hundred ms; at
        // steady load a poll returns fewer anyway.
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // A dead instance's partitions move after the session timeout; the survivors keep theirs while they move
        // (cooperative rebalancing), so only the dead instance's partitions wait.
        if (settings.consumerGroupProtocol()) {
            // KIP-848: the broker assigns partitions and owns the session timeout and heartbeat interval
            // (group.consumer.session.timeout.ms, group.consumer.heartbeat.interval.ms); the client may not set them.
            c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        } else {
            c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                    settings.sessionTimeout().toMillis());
            c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int)
                    Math.max(100, settings.sessionTimeout().toMillis() / 4));
            c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        DefaultKafkaConsumerFactory<String, byte[]> cf = new DefaultKafkaConsumerFactory<>(c);
        cf.addListener(new MicrometerConsumerListener<>(registry));
        return cf;
    }

    /** For listeners that handle failures themselves (feedback): a failed batch is redelivered with back-off. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> cf, KafkaTransactionManager<String, byte[]> tm, KafkaSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5000);
        return transactionalBatchFactory(cf, tm, settings, new DefaultAfterRollbackProcessor<>(backOff));
    }

    /**
     * A container factory for batch listeners whose polled batch runs in one producer transaction that also commits
     * the consumed offsets; {@code afterRollback} decides what a rolled-back batch becomes.
     */
    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> transactionalBatchFactory(
            ConsumerFactory<String, byte[]> cf,
            KafkaTransactionManager<String, byte[]> tm,
            KafkaSettings settings,
            AfterRollbackProcessor<String, byte[]> afterRollback) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> f = new ConcurrentKafkaListenerContainerFactory<>();
        f.setConsumerFactory(cf);
        f.setBatchListener(true);
        f.setConcurrency(settings.concurrency());
        f.getContainerProperties().setKafkaAwareTransactionManager(tm);
        f.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        f.getContainerProperties().setObservationEnabled(false);
        f.setAfterRollbackProcessor(afterRollback);
        return f;
    }

    @Bean
    KafkaAdmin kafkaAdmin(KafkaEndpoint endpoint) {
        KafkaAdmin admin =
                new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers()));
        admin.setFatalIfBrokerNotAvailable(false);
        admin.setModifyTopicConfigs(false);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics coachmatchTopics(KafkaSettings s) {
        KafkaSettings.Topics t = s.topics();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(t.requests())
                        .partitions(s.partitions())
                        .replicas(s.replicationFactor())
                        .build(),
                TopicBuilder.name(t.responses())
                        .partitions(s.partitions())
                        .replicas(s.replicationFactor())
                        .build(),
                TopicBuilder.name(t.errors())
                        .partitions(s.partitions())
                        .replicas(s.replicationFactor())
                        .build(),
                TopicBuilder.name(t.feedback())
                        .partitions(s.partitions())
                        .replicas(s.replicationFactor())
                        .build(),
                TopicBuilder.name(t.coachProfiles())
                        .partitions(s.partitions())
                        .replicas(s.replicationFactor())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build());
    }
}
