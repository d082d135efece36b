package io.coachmatch.serving.support;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.catalog.CatalogSettings;
import io.coachmatch.serving.catalog.CoachCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A compacted coach-profiles topic of its own on the test broker, filled with copies of the test
 * catalog's coaches under new ids (templates chosen by a seeded random), for tests that drive
 * {@code CoachProfilesFeed} directly.
 */
public final class CoachProfilesTopic {

    private static final List<CoachProfile> TEMPLATES = TestCatalog.coaches();

    private final String name;
    private final String bootstrap = TestInfrastructure.kafkaBootstrapServers();

    public CoachProfilesTopic(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Creates the topic (compacted, like the service's). */
    public CoachProfilesTopic create(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        return this;
    }

    /** {@code count} profiles with ids {@code prefix0..}, each a copy of a test coach picked with {@code seed}. */
    public static List<CoachProfile> profiles(String prefix, int count, long seed) {
        Random random = new Random(seed);
        List<CoachProfile> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CoachProfile template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
            out.add(TestCatalog.variant(template, prefix + i, null));
        }
        return out;
    }

    /** A plain (not transactional) producer. */
    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(producerProps());
    }

    /** A transactional producer with its transactions initialised. */
    public KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        Properties p = producerProps();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        producer.initTransactions();
        return producer;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return p;
    }

    /** Sends the profiles keyed by id and waits until all are acknowledged. */
    public void send(KafkaProducer<String, byte[]> producer, List<CoachProfile> profiles) {
        for (CoachProfile p : profiles) {
            producer.send(new ProducerRecord<>(name, p.id(), Json.bytes(p)));
        }
        producer.flush();
    }

    /** Sends the profiles on a plain producer. */
    public void send(List<CoachProfile> profiles) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, profiles);
        }
    }

    /** Consumer settings like the service's feed (read_committed, no group), but never creating topics. */
    public Properties consumerProps(int maxPollRecords) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return c;
    }

    public static CoachCatalog emptyCatalog() {
        return new CoachCatalog(
                new CatalogSettings("unused.jsonl", null, Duration.ofMinutes(30), 256, Duration.ofSeconds(1)),
                CurrencyRates.defaults());
    }

    public static CoachValidator validator() {
        return new CoachValidator(ValidationLimits.defaults(), CurrencyRates.defaults());
    }
}
