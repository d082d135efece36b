package io.coachmatch.serving.support;

import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For tests that run a service of their own beside the shared one: on the test broker, with its own topics, consumer
 * group and model registry, all named with a prefix, so that the two never answer each other's requests.
 */
public final class OwnService {

    private OwnService() {}

    /**
     * Registers the test broker and, under {@code prefix}: the group, the five topics, the impressions topic and an
     * (empty) model registry; and the suite's admin token.
     */
    public static void onTheTestBroker(DynamicPropertyRegistry r, String prefix) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        r.add("coachmatch.kafka.bootstrap-servers", () -> bootstrap);
        r.add("coachmatch.kafka.group-id", () -> prefix + "group");
        for (String t : List.of("requests", "responses", "errors", "feedback", "coach-profiles")) {
            r.add("coachmatch.kafka.topics." + t, () -> prefix + t);
        }
        r.add("coachmatch.experiments.impressions-topic", () -> prefix + "impressions");
        r.add(
                "coachmatch.models.registry-dir",
                () -> ServingIntegrationTest.WORK_DIR.resolve(prefix + "models").toString());
        r.add("coachmatch.admin.token", () -> ServingIntegrationTest.ADMIN_TOKEN);
    }
}
