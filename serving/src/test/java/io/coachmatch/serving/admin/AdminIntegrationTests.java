package io.coachmatch.serving.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.support.ServingIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminIntegrationTests extends ServingIntegrationTest {

    @Nested
    class Refused {

        @Test
        void withoutAToken(CapturedOutput output) {
            var r = post("/admin/models/reload", "", null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).contains("\"status\":401");
        }

        @Test
        void withAWrongTokenAndTheTokenIsNeverLogged(CapturedOutput output) {
            var r = post("/admin/models/reload", "", "Bearer " + ADMIN_TOKEN + "x");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(post("/admin/catalog/reload", "", "Basic " + ADMIN_TOKEN).statusCode()).isEqualTo(401);
            assertThat(output.getAll()).contains("Refused POST /admin/models/reload").doesNotContain(ADMIN_TOKEN);
        }
    }

    @Test
    void theRightTokenIsAccepted(CapturedOutput output) {
        var r = post("/admin/models/reload", "", "Bearer " + ADMIN_TOKEN);
        assertThat(r.statusCode()).isIn(200, 409);
        assertThat(output.getAll()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(get("/api/models").statusCode()).isEqualTo(200);
        assertThat(get("/api/stats").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs").statusCode()).isEqualTo(200);
    }
}
