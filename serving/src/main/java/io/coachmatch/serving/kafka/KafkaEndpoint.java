package io.coachmatch.serving.kafka;

/**
 * Where the service's Kafka is: the configured cluster, or the in-process broker it started (and
 * stops with it).
 */
public record KafkaEndpoint(String bootstrapServers, InProcessKafkaBroker broker) implements AutoCloseable {

    public boolean embedded() {
        return broker != null;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
