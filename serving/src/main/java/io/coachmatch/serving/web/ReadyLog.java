package io.coachmatch.serving.web;

import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.kafka.KafkaEndpoint;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.models.ModelService;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says, once the service is ready, how to talk to it. */
@Component
class ReadyLog {

    private static final Logger log = LoggerFactory.getLogger(ReadyLog.class);

    private final KafkaEndpoint kafka;
    private final KafkaSettings settings;
    private final CoachCatalog catalog;
    private final ModelService models;

    ReadyLog(KafkaEndpoint kafka, KafkaSettings settings, CoachCatalog catalog, ModelService models) {
        this.kafka = kafka;
        this.settings = settings;
        this.catalog = catalog;
        this.models = models;
    }

    @Order(10)
    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext w
                ? w.getWebServer().getPort()
                : -1;
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String model = models.currentVersion() == null ? "none (rules only)" : models.currentVersion();
        log.info(
                """
                coachmatch serving is READY in {} ms (JVM uptime): {} coaches, model {}, Kafka {}{}
                  REST:  curl -s -X POST http://localhost:{}/api/match -H 'Content-Type: application/json' \\
                           -d '{"session_type":"group","skills_required":[{"name":"React","level":"expert","mandatory":true}]}'
                         curl -s http://localhost:{}/health    (Swagger UI: http://localhost:{}/swagger-ui.html)
                  Kafka: echo 'r1:{"request_id":"r1","session_type":"group","skills_required":[{"name":"React"}]}' \\
                           | kcat -P -b {} -t {} -K:
                         kcat -C -b {} -t {} -X isolation.level=read_committed -f '%k %s\\n' -e""",
                uptime,
                catalog.snapshot().size(),
                model,
                kafka.bootstrapServers(),
                kafka.embedded() ? " (embedded)" : "",
                port,
                port,
                port,
                kafka.bootstrapServers(),
                settings.topics().requests(),
                kafka.bootstrapServers(),
                settings.topics().responses());
    }
}
