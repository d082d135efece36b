package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.CoachValidator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the catalog current from the compacted {@code coach-profiles} topic: every instance reads
 * all partitions from the beginning (no consumer group), applies each profile as an upsert and each
 * tombstone as a removal. A bad profile is logged and skipped.
 */
public class CoachProfilesFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CoachProfilesFeed.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final CoachCatalog catalog;
    private final CoachValidator validator;
    private volatile Thread thread;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile long applied;

    public CoachProfilesFeed(Supplier<Consumer<String, byte[]>> consumers, String topic, CoachCatalog catalog,
            CoachValidator validator) {
        this.consumers = consumers;
        this.topic = topic;
        this.catalog = catalog;
        this.validator = validator;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "coach-profiles-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Consumer<String, byte[]> c = consumers.get()) {
            consumer = c;
            List<TopicPartition> parts = null;
            while (running && parts == null) {
                var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    parts = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                } else {
                    log.info("Waiting for the topic {} to exist", topic);
                    Thread.sleep(1000);
                }
            }
            if (parts == null) {
                return;
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> r : records) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.error("The coach-profiles feed stopped", e);
            }
        } finally {
            consumer = null;
        }
    }

    void apply(ConsumerRecord<String, byte[]> r) {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        try {
            if (r.value() == null) {
                if (r.key() != null) {
                    catalog.remove(r.key());
                    applied++;
                }
                return;
            }
            JsonNode tree = Json.tree(r.value());
            List<ErrorDetail> problems = validator.validate(tree);
            if (!problems.isEmpty()) {
                log.warn("coach-profiles {}: skipped: {} {}", where, problems.get(0).field(), problems.get(0).problem());
                return;
            }
            CoachProfile p = Json.convert(tree, CoachProfile.class);
            if (r.key() != null && !r.key().equals(p.id())) {
                log.warn("coach-profiles {}: key '{}' differs from the profile's id '{}'; using the id", where,
                        r.key(), p.id());
            }
            catalog.upsert(p);
            applied++;
        } catch (RuntimeException e) {
            log.warn("coach-profiles {}: skipped: {}", where, e.getMessage());
        }
    }

    public long applied() {
        return applied;
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    Map<String, Object> describe() {
        return Map.of("topic", topic, "applied", applied, "running", running);
    }
}
