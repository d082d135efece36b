package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.matching.MatchingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

class ImpressionPublisherTests {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Nested
    class BackgroundQueue {

        /** A real producer whose broker does not answer: the background thread is stuck on its first send. */
        @Test
        void holdsAtMostItsBytesAndDropsAndCountsTheRest() throws IOException {
            DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "127.0.0.1:" + closedPort(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1000));
            producers.setTransactionIdPrefix("impression-publisher-tests-");
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ImpressionPublisher publisher = new ImpressionPublisher(
                    new KafkaTemplate<>(producers),
                    "impressions",
                    null,
                    MatchingSettings.defaults(),
                    meters,
                    DataSize.ofKilobytes(32));
            try {
                for (int i = 0; i < 50; i++) {
                    publisher.sendInBackground(
                            List.of(new ProducerRecord<>("impressions", "k" + i, new byte[10_000])), "test");
                    assertThat(publisher.queuedBytes()).isLessThanOrEqualTo(32 * 1024);
                }
                assertThat(meters.get("coachmatch.forwarded.dropped").counter().count())
                        .isGreaterThanOrEqualTo(45);
                assertThat(meters.get("coachmatch.impressions.queue").gauge().value())
                        .isPositive()
                        .isLessThanOrEqualTo(32 * 1024);
                assertThat(meters.get("coachmatch.impressions.queue")
                                .gauge()
                                .getId()
                                .getBaseUnit())
                        .isEqualTo("bytes");
            } finally {
                publisher.close();
                producers.destroy();
            }
        }
    }
}
