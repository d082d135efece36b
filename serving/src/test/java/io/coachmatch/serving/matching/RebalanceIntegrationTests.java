package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.ServingApplication;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class RebalanceIntegrationTests extends ServingIntegrationTest {

    private ConfigurableApplicationContext secondInstance() {
        // Command-line arguments: they outrank application.properties, as default properties do not.
        return new SpringApplicationBuilder(ServingApplication.class)
                .run(
                        "--server.port=0",
                        "--coachmatch.kafka.early-start=false",
                        "--coachmatch.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--coachmatch.kafka.partitions=4",
                        "--coachmatch.kafka.concurrency=2",
                        "--coachmatch.cache.redis-host=127.0.0.1",
                        "--coachmatch.cache.redis-port=" + TestInfrastructure.redisPort(),
                        "--coachmatch.catalog.coaches-file=" + COACHES,
                        "--coachmatch.models.registry-dir=" + MODELS,
                        "--coachmatch.admin.token=" + ADMIN_TOKEN,
                        "--spring.main.banner-mode=off");
    }

    @Test
    void everyRequestIsAnsweredExactlyOnceWhileASecondInstanceJoinsAndLeavesTheGroup() throws Exception {
        List<String> ids = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        Runnable sendSome = () -> {
            for (int i = 0; i < 40; i++) {
                String id = "rebalance-" + n.incrementAndGet();
                synchronized (ids) {
                    ids.add(id);
                }
                kafka().send(kafkaSettings.topics().requests(), id, seedRequest(id), null);
            }
        };
        sendSome.run();
        try (ConfigurableApplicationContext second = secondInstance()) {
            KafkaListenerEndpointRegistry registry = second.getBean(KafkaListenerEndpointRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                var c = registry.getListenerContainer(MatchingListener.LISTENER_ID);
                return c != null
                        && c.getAssignedPartitions() != null
                        && !c.getAssignedPartitions().isEmpty();
            });
            sendSome.run();
        }
        sendSome.run();

        for (String id : ids) {
            kafka().awaitAnswer(id);
        }
        assertThat(ids).hasSize(120);
        kafka().assertAnsweredOnceEach(ids, Duration.ofSeconds(1));
    }
}
