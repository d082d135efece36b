package io.coachmatch.serving.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Whether the broker answers and the request listener runs, checked in the background. */
@Component
public class KafkaHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaHealth.class);
    private static final String LISTENER = "matching";

    private final boolean listenerEnabled;
    private final KafkaEndpoint endpoint;
    private final KafkaListenerEndpointRegistry listeners;
    private final Admin admin;
    private volatile boolean brokerUp;
    private volatile String lastError;

    public KafkaHealth(KafkaEndpoint endpoint, KafkaListenerEndpointRegistry listeners, KafkaSettings settings) {
        this.listenerEnabled = settings.listenerEnabled();
        this.endpoint = endpoint;
        this.listeners = listeners;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoint.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                2000));
        check();
    }

    @Scheduled(fixedDelayString = "${coachmatch.kafka.health-interval:2s}")
    public void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .clusterId()
                    .get(2500, TimeUnit.MILLISECONDS);
            brokerUp = true;
            if (lastError != null) {
                log.info("Kafka at {} answers again", endpoint.bootstrapServers());
            }
            lastError = null;
        } catch (Exception e) {
            brokerUp = false;
            // The cause goes to the log, once per change; /health says only that the broker does not answer.
            String cause = e.toString();
            if (!cause.equals(lastError)) {
                log.warn("Kafka at {} does not answer: {}", endpoint.bootstrapServers(), cause);
            }
            lastError = cause;
        }
    }

    public boolean listenerRunning() {
        MessageListenerContainer c = listeners.getListenerContainer(LISTENER);
        return c != null && c.isRunning();
    }

    public boolean up() {
        return brokerUp && (listenerRunning() || !listenerEnabled);
    }

    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", up() ? "up" : "down");
        out.put("bootstrap_servers", endpoint.bootstrapServers());
        out.put("embedded", endpoint.embedded());
        out.put("broker_reachable", brokerUp);
        out.put("listener_running", listenerRunning());
        MessageListenerContainer c = listeners.getListenerContainer(LISTENER);
        if (c != null && c.getAssignedPartitions() != null) {
            out.put("assigned_partitions", c.getAssignedPartitions().size());
        }
        if (lastError != null) {
            out.put("error", "the broker does not answer (the log has the cause)");
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
