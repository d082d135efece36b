package io.coachmatch.serving.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.config.AdminSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenFilterTests {

    private static MockHttpServletResponse call(AdminTokenFilter filter, String path, String authorization)
            throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", path);
        if (authorization != null) {
            req.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse res = new MockHttpServletResponse();
        filter.doFilter(req, res, new MockFilterChain());
        return res;
    }

    @Nested
    class WithoutAConfiguredToken {

        @Test
        void everyAdminCallIsRefusedAndTheLogSaysHowToEnableIt(CapturedOutput output) throws Exception {
            AdminTokenFilter filter = new AdminTokenFilter(new AdminSettings(null));
            assertThat(call(filter, "/admin/models/reload", "Bearer ").getStatus()).isEqualTo(401);
            assertThat(call(filter, "/admin/models/reload", null).getContentAsString()).contains("set ADMIN_TOKEN");
            assertThat(output.getAll()).contains("Set ADMIN_TOKEN=");
        }
    }

    @Nested
    class WithAToken {

        private final AdminTokenFilter filter = new AdminTokenFilter(new AdminSettings("s3cr3t-value"));

        @Test
        void onlyTheExactBearerTokenPasses(CapturedOutput output) throws Exception {
            assertThat(call(filter, "/admin/models/reload", "Bearer s3cr3t-value").getStatus()).isEqualTo(200);
            assertThat(call(filter, "/admin/models/reload", "Bearer s3cr3t-valu").getStatus()).isEqualTo(401);
            assertThat(call(filter, "/admin/models/reload", "bearer s3cr3t-value").getStatus()).isEqualTo(401);
            assertThat(call(filter, "/admin/models/reload", "s3cr3t-value").getStatus()).isEqualTo(401);
            assertThat(output.getAll()).doesNotContain("s3cr3t-value");
        }

        @Test
        void otherPathsAreNotGuarded() throws Exception {
            assertThat(call(filter, "/api/models", null).getStatus()).isEqualTo(200);
            assertThat(call(filter, "/administrator", null).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void theSettingsNeverPrintTheToken() {
        assertThat(new AdminSettings("s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
    }
}
