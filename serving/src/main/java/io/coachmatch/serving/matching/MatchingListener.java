package io.coachmatch.serving.matching;

import io.coachmatch.core.contract.ErrorSource;
import io.coachmatch.serving.config.KafkaSettings;
import io.coachmatch.serving.kafka.PartitionAlignment;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads requests from Kafka and writes each one's answer, inside the container's transaction: the
 * answers and the consumed offsets commit together, so a crash or rebalance never loses or repeats
 * an answer for {@code read_committed} readers.
 */
@Component
public class MatchingListener {

    static final String CORRELATION_ID = "correlation_id";
    public static final String LISTENER_ID = "matching";

    private final MatchingService service;
    private final KafkaTemplate<String, byte[]> template;
    private final String responses;
    private final String errors;
    private final PartitionAlignment partitions;

    MatchingListener(MatchingService service, KafkaTemplate<String, byte[]> template, KafkaSettings settings) {
        this.service = service;
        this.template = template;
        this.responses = settings.topics().responses();
        this.errors = settings.topics().errors();
        this.partitions = new PartitionAlignment(template);
    }

    /** Started by {@link ListenerStarter} once the catalog is loaded, so no request meets an empty catalog. */
    @KafkaListener(id = LISTENER_ID, groupId = "${coachmatch.kafka.group-id}",
            topics = "${coachmatch.kafka.topics.requests}", autoStartup = "false")
    void onRequests(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> in : records) {
            Answer answer = service.answer(in.value(), new ErrorSource(in.topic(), in.partition(), in.offset()),
                    "kafka");
            String topic = answer instanceof Answer.Response ? responses : errors;
            // the request's partition number, so that a transaction writes to as few partitions as it reads
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, partitions.within(topic, in.partition()),
                    answer.requestId(), answer.json());
            Header correlation = in.headers().lastHeader(CORRELATION_ID);
            if (correlation != null) {
                out.headers().add(CORRELATION_ID, correlation.value());
            }
            template.send(out);
        }
    }
}
