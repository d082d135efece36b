package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * A batch refused because the group moved on is retried at once and never counted as an attempt; other rollbacks
 * are counted from the thread's last commit only.
 */
class RequestRollbacksTests {

    private static final TopicPartition OWNED = new TopicPartition("requests", 0);
    private static final TopicPartition LOST = new TopicPartition("requests", 1);

    private final List<Long> recovered = new ArrayList<>();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestRollbacks rollbacks;

    RequestRollbacksTests() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(2); // 3 attempts
        backOff.setInitialInterval(1);
        backOff.setMaxInterval(1);
        KafkaOperations<?, ?> template = mock(KafkaOperations.class);
        when(template.isTransactional()).thenReturn(true);
        when(container.isRunning()).thenReturn(true);
        when(container.getContainerProperties()).thenReturn(new ContainerProperties("requests"));
        rollbacks = new RequestRollbacks(
                (r, e) -> recovered.add(r.offset()),
                backOff,
                template,
                meters.counter("rollbacks"),
                meters.counter("group-changed"));
        consumer.assign(List.of(OWNED));
        consumer.updateBeginningOffsets(Map.of(OWNED, 0L));
        consumer.seek(OWNED, 20);
    }

    private void rollBack(Exception cause) {
        List<ConsumerRecord<String, byte[]>> list = List.of(
                new ConsumerRecord<>(OWNED.topic(), OWNED.partition(), 10, "a", new byte[0]),
                new ConsumerRecord<>(OWNED.topic(), OWNED.partition(), 11, "b", new byte[0]),
                new ConsumerRecord<>(LOST.topic(), LOST.partition(), 5, "c", new byte[0]));
        rollbacks.processBatch(
                new ConsumerRecords<>(Map.of(OWNED, list.subList(0, 2), LOST, list.subList(2, 3)), Map.of()),
                list,
                consumer,
                container,
                cause,
                true,
                ContainerProperties.EOSMode.V2);
    }

    @Test
    void aBatchRefusedBecauseTheGroupMovedOnIsSoughtBackAndNeverRecovered() {
        for (int i = 0; i < 10; i++) {
            rollBack(new KafkaException(
                    "commit failed", new CommitFailedException("Specified group generation id is not valid.")));
        }
        assertThat(recovered).isEmpty();
        assertThat(consumer.position(OWNED)).isEqualTo(10); // the partition lost is left to its next owner
        assertThat(meters.counter("rollbacks").count()).isEqualTo(10);
        assertThat(meters.counter("group-changed").count()).isEqualTo(10);
    }

    @Test
    void otherFailuresAreRecoveredAfterTheAttemptsSinceTheLastCommit() {
        rollBack(new KafkaException("broker refused"));
        rollBack(new KafkaException("broker refused"));
        rollbacks.committed(); // a later batch commits: the two failures above no longer count
        rollBack(new KafkaException("broker refused"));
        rollBack(new KafkaException("broker refused"));
        assertThat(recovered).isEmpty();
        assertThat(consumer.position(OWNED)).isEqualTo(10);
        rollBack(new KafkaException("broker refused")); // the third attempt in a row
        assertThat(recovered).containsExactlyInAnyOrder(10L, 11L, 5L);
    }
}
