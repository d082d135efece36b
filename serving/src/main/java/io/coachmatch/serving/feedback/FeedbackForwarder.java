package io.coachmatch.serving.feedback;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends feedback accepted over REST on to {@code matching-feedback} without holding up the caller, so the export
 * sees every event; the feedback listener then meets it as a duplicate of its event_id and does not count it again.
 */
@FunctionalInterface
public interface FeedbackForwarder {

    void forward(List<ProducerRecord<String, byte[]>> records);
}
