package io.coachmatch.serving.matching;

import io.micrometer.core.instrument.Counter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;

/**
 * What a request batch whose transaction rolled back becomes. Two cases:
 *
 * <ul>
 *   <li>The group moved on while the batch ran (its offsets were refused: {@link CommitFailedException}, "group
 *       generation id is not valid" or "the coordinator is not aware of this member", or
 *       {@link RebalanceInProgressException}). The batch is not at fault and only the next {@code poll} can fix it,
 *       by rejoining the group: the partitions still assigned are sought back and the thread polls at once, with no
 *       back-off and no attempt counted. A back-off here would only keep the consumer out of the rebalance (the
 *       classic protocol waits for every member to poll) and delay every partition of the group, and counted
 *       attempts would answer good requests {@code INTERNAL_ERROR} after a few rebalances.</li>
 *   <li>Anything else: the batch is redelivered with the back-off, then recovered (each request answered
 *       {@code INTERNAL_ERROR}), as {@link DefaultAfterRollbackProcessor} does.</li>
 * </ul>
 *
 * <p>Attempts are those since the thread's last committed transaction ({@link #committed()}):
 * {@link DefaultAfterRollbackProcessor} itself forgets them only when it recovers a batch or the listener throws,
 * not when a later transaction commits, so rollbacks hours apart (a commit refused in each rebalance, a broker
 * restart) would add up until a healthy batch was answered {@code INTERNAL_ERROR}.
 */
class RequestRollbacks extends DefaultAfterRollbackProcessor<String, byte[]> {

    private final Counter rollbacks;
    private final Counter groupChanges;

    RequestRollbacks(
            BiConsumer<ConsumerRecord<?, ?>, Exception> recoverer,
            BackOff backOff,
            KafkaOperations<?, ?> template,
            Counter rollbacks,
            Counter groupChanges) {
        super(recoverer, backOff, template, true);
        this.rollbacks = rollbacks;
        this.groupChanges = groupChanges;
    }

    @Override
    public void processBatch(
            ConsumerRecords<String, byte[]> records,
            List<ConsumerRecord<String, byte[]>> recordList,
            Consumer<String, byte[]> consumer,
            MessageListenerContainer container,
            Exception exception,
            boolean recoverable,
            ContainerProperties.EOSMode eosMode) {
        rollbacks.increment();
        if (groupChanged(exception)) {
            groupChanges.increment();
            seekToFirst(recordList, consumer);
            return;
        }
        super.processBatch(records, recordList, consumer, container, exception, recoverable, eosMode);
    }

    /** A transaction of this thread committed: the next rollback starts the back-off and the attempts afresh. */
    void committed() {
        clearThreadState();
    }

    /** Whether the transaction failed because the consumer's group generation or membership is stale. */
    static boolean groupChanged(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommitFailedException || t instanceof RebalanceInProgressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Seeks each partition of the batch that this consumer still owns back to the batch's first record there; a
     * partition it lost is read by its next owner from the committed offset.
     */
    private static void seekToFirst(
            List<ConsumerRecord<String, byte[]>> recordList, Consumer<String, byte[]> consumer) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : recordList) {
            first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }
}
