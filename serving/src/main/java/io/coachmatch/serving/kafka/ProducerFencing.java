package io.coachmatch.serving.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Takes every transactional id of this instance at start-up. A producer's {@code initTransactions()} fences the
 * previous holder of its id and makes the broker abort that holder's open transaction at once, so a restarted
 * instance (same {@code INSTANCE_ID}) releases what its killed predecessor left open without waiting for the
 * transaction timeout; without this only the ids it happens to need again would be fenced, and only when needed.
 * The ids come from a fixed pool ({@code KafkaSettings.transactionalProducers()}), so taking the whole pool covers
 * every id the predecessor may have used. The producers go back to the factory's cache for the listeners.
 */
public final class ProducerFencing {

    private ProducerFencing() {}

    /**
     * Creates {@code count} transactional producers at once (each distinct id initialised), then returns them to the
     * factory's cache.
     *
     * @return how many ids were taken
     */
    public static int takeAll(ProducerFactory<?, ?> factory, int count) {
        List<Producer<?, ?>> held = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                held.add(factory.createProducer());
            }
            return held.size();
        } finally {
            held.forEach(Producer::close);
        }
    }
}
