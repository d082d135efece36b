package io.coachmatch.serving.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Chooses the partition of what is written about a request: the request's own partition number when the target
 * topic has that partition, else none (the producer partitions by key). A listener's transaction then writes to the
 * few partitions it reads instead of to every partition of each topic, which means fewer record batches, fewer
 * commit markers and larger batches for the broker. Readers of answers match them by key (request_id), which does
 * not change. Topic sizes are looked up once per topic; thread-safe.
 */
public final class PartitionAlignment {

    private final KafkaTemplate<String, byte[]> template;
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();

    public PartitionAlignment(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    /** {@code partition} when {@code topic} has it, else null; null stays null. */
    public Integer within(String topic, Integer partition) {
        if (partition == null || partition < 0) {
            return null;
        }
        Integer size = sizes.get(topic);
        if (size == null) {
            size = size(topic);
            if (size > 0) {
                sizes.put(topic, size);
            }
        }
        return partition < size ? partition : null;
    }

    private int size(String topic) {
        try {
            return template.partitionsFor(topic).size();
        } catch (RuntimeException e) {
            return 0; // unknown for now: partition by key, and look again next time
        }
    }
}
