package io.coachmatch.serving.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Plain consumers for readers that assign partitions themselves (no group, no commits). */
public final class KafkaConsumers {

    private KafkaConsumers() {}

    public static Consumer<String, byte[]> unassigned(KafkaEndpoint endpoint) {
        Map<String, Object> props = KafkaConfiguration.consumerProps(endpoint);
        return new KafkaConsumer<>(props);
    }
}
