package io.coachmatch.serving.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.RawHttp;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.body()).contains("\"status\":401");
        }

        @Test
        void withAWrongTokenAndTheTokenIsNeverLogged(CapturedOutput output) {
            var r = post("/admin/models/reload", "", "Bearer " + ADMIN_TOKEN + "x");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(post("/admin/catalog/reload", "", "Basic " + ADMIN_TOKEN).statusCode())
                    .isEqualTo(401);
            assertThat(output.getAll())
                    .contains("Refused POST /admin/models/reload")
                    .doesNotContain(ADMIN_TOKEN);
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

    /**
     * The guard must decide on what the router matches, whatever the spelling on the wire: every
     * spelling below either reaches no handler (404), is refused by the firewall (400) or needs the
     * token (401). Sent over a raw socket, so that no client normalises the path first.
     */
    @Nested
    class PathSpellings {

        private static final String EXPERIMENT = """
                {"unit": "requester_id", "salt": "spelling-salt", "variants": [
                  {"name": "control", "model": "rules", "share": 0.5},
                  {"name": "treatment", "model": "rules", "share": 0.5}]}
                """;

        private record Call(String method, String canonical, String body) {}

        private static final List<Call> CALLS = List.of(
                new Call("POST", "/admin/models/reload", null),
                new Call("POST", "/admin/catalog/reload", null),
                new Call("PUT", "/admin/experiments/x", EXPERIMENT),
                new Call("DELETE", "/admin/experiments/x", null));

        @Test
        void adminPathSpellingsNeverReachAHandler() {
            List<String> reached = new ArrayList<>();
            int sent = 0;
            for (Call call : CALLS) {
                for (String target : spellings(call.canonical())) {
                    RawHttp.Response r = RawHttp.send(port, call.method(), target, null, call.body());
                    sent++;
                    // A 404 from the experiments handler itself ("no experiment named") would be a bypass too.
                    if ((r.status() != 400 && r.status() != 401 && r.status() != 404)
                            || r.body().contains("no experiment named")) {
                        reached.add(call.method() + " " + target + " -> " + r.status() + " " + r.body());
                    }
                }
            }
            assertThat(reached).as("spellings that reached a handler").isEmpty();
            assertThat(sent).isGreaterThan(250);
            assertThat(experimentNames()).doesNotContain("x");
        }

        @Test
        void aRunningExperimentCannotBeStoppedByAnySpelling() {
            String auth = "Bearer " + ADMIN_TOKEN;
            RawHttp.Response put = RawHttp.send(port, "PUT", "/admin/experiments/spelling-victim", auth, EXPERIMENT);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            try {
                List<String> reached = new ArrayList<>();
                for (String target : spellings("/admin/experiments/spelling-victim")) {
                    RawHttp.Response r = RawHttp.send(port, "DELETE", target, null, null);
                    if (r.status() != 400 && r.status() != 401 && r.status() != 404) {
                        reached.add("DELETE " + target + " -> " + r.status() + " " + r.body());
                    }
                }
                assertThat(reached).as("spellings that reached a handler").isEmpty();
                var experiments = Json.tree(get("/api/experiments").body().getBytes(StandardCharsets.UTF_8));
                assertThat(experiments
                                .path("experiments")
                                .valueStream()
                                .filter(e -> e.path("name").asString().equals("spelling-victim"))
                                .map(e -> e.path("status").asString()))
                        .containsExactly("running");
            } finally {
                assertThat(RawHttp.send(port, "DELETE", "/admin/experiments/spelling-victim", auth, null)
                                .status())
                        .isEqualTo(200);
            }
        }

        private List<String> experimentNames() {
            var experiments = Json.tree(get("/api/experiments").body().getBytes(StandardCharsets.UTF_8));
            return experiments
                    .path("experiments")
                    .valueStream()
                    .map(e -> e.path("name").asString())
                    .toList();
        }

        @Test
        void firewallRejectionsAnswerAProblemDetail() {
            for (String target :
                    List.of("/admin;x/models/reload", "/admin/%2e%2e/admin/models/reload", "/api/%2561dmin")) {
                RawHttp.Response r = RawHttp.send(port, "POST", target, null, null);
                assertThat(r.status()).as(target).isEqualTo(400);
                assertThat(r.header("Content-Type")).as(target).startsWith("application/problem+json");
                assertThat(r.body()).as(target).contains("\"status\":400").doesNotContain("Exception", "<html");
            }
        }

        @Test
        void theRightTokenStillOpensTheCanonicalSpellings(CapturedOutput output) {
            String auth = "Bearer " + ADMIN_TOKEN;
            assertThat(RawHttp.send(port, "POST", "/admin/models/reload", auth, null)
                            .status())
                    .isIn(200, 409);
            assertThat(RawHttp.send(port, "POST", "/admin/catalog/reload", auth, null)
                            .status())
                    .isEqualTo(200);
            RawHttp.Response put = RawHttp.send(port, "PUT", "/admin/experiments/spelling-check", auth, EXPERIMENT);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            RawHttp.Response delete = RawHttp.send(port, "DELETE", "/admin/experiments/spelling-check", auth, null);
            assertThat(delete.status()).as(delete.body()).isEqualTo(200);
            assertThat(output.getAll()).doesNotContain(ADMIN_TOKEN);
        }

        /** Ways to write {@code canonical} (which starts with {@code /admin/}) that a server might route to it. */
        static Set<String> spellings(String canonical) {
            String[] segments = canonical.substring(1).split("/");
            String rest = canonical.substring("/admin".length());
            Set<String> out = new LinkedHashSet<>();
            // Path parameters on each segment.
            for (String param : List.of(";x", ";jsessionid=1", ";")) {
                for (int i = 0; i < segments.length; i++) {
                    String[] s = segments.clone();
                    s[i] = s[i] + param;
                    out.add("/" + String.join("/", s));
                }
                out.add("/" + param + canonical);
            }
            // Percent-encoding of each character of "admin", one at a time and all of them, in both cases of hex.
            String admin = "admin";
            StringBuilder all = new StringBuilder();
            StringBuilder allDouble = new StringBuilder();
            for (int i = 0; i < admin.length(); i++) {
                String hex = Integer.toHexString(admin.charAt(i));
                for (String h : List.of(hex, hex.toUpperCase(Locale.ROOT))) {
                    out.add("/" + admin.substring(0, i) + "%" + h + admin.substring(i + 1) + rest);
                    out.add("/" + admin.substring(0, i) + "%25" + h + admin.substring(i + 1) + rest);
                }
                all.append('%').append(hex);
                allDouble.append("%25").append(hex);
            }
            out.add("/" + all + rest);
            out.add("/" + allDouble + rest);
            // Encoded slashes, instead of each slash and in front.
            for (String slash : List.of("%2F", "%2f")) {
                for (int i = 1; i < segments.length; i++) {
                    out.add("/" + String.join("/", List.of(segments).subList(0, i)) + slash
                            + String.join("/", List.of(segments).subList(i, segments.length)));
                }
                out.add("/" + slash + canonical.substring(1));
                out.add(slash + canonical.substring(1));
            }
            // Double and trailing slashes.
            for (int i = 0; i < canonical.length(); i++) {
                if (canonical.charAt(i) == '/') {
                    out.add(canonical.substring(0, i) + "/" + canonical.substring(i));
                }
            }
            out.add(canonical + "/");
            out.add(canonical + "//");
            // Case.
            out.add("/ADMIN" + rest);
            out.add("/Admin" + rest);
            out.add("/aDMIN" + rest);
            out.add(canonical.toUpperCase(Locale.ROOT));
            // Dot segments, plain, encoded and with path parameters.
            out.add("/api/.." + canonical);
            out.add("/." + canonical);
            out.add("/x/..;" + canonical);
            out.add("/x/..;x" + canonical);
            out.add("/admin/." + rest);
            out.add("/admin/../admin" + rest);
            out.add("/admin/x/.." + rest);
            out.add(canonical + "/.");
            out.add(canonical + "/x/..");
            out.add("/%2e" + canonical);
            out.add("/api/%2e%2e" + canonical);
            out.add("/api/%2E%2E" + canonical);
            out.add("/api/.%2e" + canonical);
            out.add("/api/..%2f" + canonical.substring(1));
            out.add("/api/..%3b" + canonical);
            out.add("/api/;/.." + canonical);
            // Backslashes, plain and encoded.
            out.add(canonical.replace('/', '\\'));
            out.add("/admin\\" + rest.substring(1));
            out.add("/api\\..\\admin" + rest);
            out.add("/admin%5C" + rest.substring(1));
            out.add("/api/..%5C" + canonical.substring(1));
            // Other characters a lenient server might drop.
            out.add("/admin%00" + rest);
            out.add("/admin%20" + rest);
            out.add("/admin%09" + rest);
            // The absolute form of the request target.
            out.add("http://localhost" + canonical.replace("/admin", "/%61dmin"));
            out.add("http://localhost" + canonical.replace("/admin", "/admin;x"));
            return out;
        }
    }
}
