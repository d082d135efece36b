package io.coachmatch.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.ContractSchemas;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v3/api-docs}, read over the service's real port, describes the wire: snake_case everywhere, the contract's
 * published schemas for its messages, problem details for errors, the bearer tokens of the admin and feedback
 * endpoints, a tag by feature and a summary on every operation; and a body built from the published request schema,
 * like the one Swagger UI offers, is accepted.
 */
class OpenApiIntegrationTests extends ServingIntegrationTest {

    private JsonNode apiDocs() {
        HttpResponse<String> r = get("/v3/api-docs");
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.tree(r.body().getBytes());
    }

    @Test
    void everyPropertyIsNamedAsTheWireNamesIt() {
        List<String> names = new ArrayList<>();
        collectPropertyNames(apiDocs(), names);
        assertThat(names).isNotEmpty().contains("skills_required", "session_type", "match_score", "error_code");
        assertThat(names).allSatisfy(n -> assertThat(n).matches("[a-z0-9_]+"));
    }

    private static void collectPropertyNames(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode props = node.get("properties");
            if (props != null && props.isObject()) {
                props.propertyNames().forEach(out::add);
            }
            node.values().forEach(v -> collectPropertyNames(v, out));
        } else if (node.isArray()) {
            node.values().forEach(v -> collectPropertyNames(v, out));
        }
    }

    @Test
    void everyOperationHasAFeatureTagASummaryAndItsTokens() {
        JsonNode docs = apiDocs();
        assertThat(docs.path("info").path("title").asString()).isEqualTo("coachmatch serving");
        assertThat(docs.path("info").path("description").asString()).isNotBlank();
        Set<String> tags = new HashSet<>();
        docs.path("tags").values().forEach(t -> tags.add(t.path("name").asString()));
        assertThat(tags).contains("Matching", "Experiments", "Models", "Monitoring");
        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path("admin_token").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("feedback_token").path("scheme").asString()).isEqualTo("bearer");

        List<String> seen = new ArrayList<>();
        docs.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(m -> {
                    String op = m.getKey().toUpperCase() + " " + path.getKey();
                    seen.add(op);
                    JsonNode o = m.getValue();
                    assertThat(o.path("summary").asString()).as(op).isNotBlank();
                    assertThat(o.path("tags").size()).as(op).isEqualTo(1);
                    assertThat(tags).as(op).contains(o.path("tags").get(0).asString());
                    String security = o.path("security").toString();
                    if (path.getKey().startsWith("/admin/")) {
                        assertThat(security).as(op).isEqualTo("[{\"admin_token\":[]}]");
                        assertThat(o.path("responses").has("401")).as(op).isTrue();
                    } else if (path.getKey().startsWith("/api/feedback")) {
                        assertThat(security).as(op).contains("feedback_token").contains("admin_token");
                    } else {
                        assertThat(o.has("security")).as(op).isFalse();
                    }
                }));
        assertThat(seen)
                .as("every endpoint is documented in OpenApiConfiguration.OPERATIONS")
                .containsExactlyInAnyOrderElementsOf(OpenApiConfiguration.OPERATIONS.keySet());
    }

    @Test
    void theContractsMessagesAreItsPublishedSchemasAndErrorsAreProblemDetails() throws Exception {
        JsonNode docs = apiDocs();
        JsonNode match = docs.path("paths").path("/api/match").path("post");
        assertThat(match.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/MatchingRequestBody");
        assertThat(match.at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/MatchingResponse");
        assertThat(match.at("/responses/400/content/application~1problem+json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ProblemDetail");
        JsonNode schemas = docs.path("components").path("schemas");
        for (ContractSchemas.Kind kind : ContractSchemas.Kind.values()) {
            ObjectNode published = (ObjectNode) Json.tree(Files.readAllBytes(ContractSchemas.file(kind)));
            published.remove("$schema");
            published.remove("$id");
            published.remove("title");
            ObjectNode served = ((ObjectNode) schemas.path(component(kind))).deepCopy();
            served.remove("title");
            assertThat(served).as(kind.fileName()).isEqualTo(published);
        }
    }

    private static String component(ContractSchemas.Kind kind) {
        return switch (kind) {
            case MATCHING_REQUEST -> "MatchingRequest";
            case MATCHING_REQUEST_BODY -> "MatchingRequestBody";
            case MATCHING_RESPONSE -> "MatchingResponse";
            case MATCHING_ERROR -> "MatchingError";
            case COACH_PROFILE -> "CoachProfile";
            case FEEDBACK_EVENT -> "FeedbackEvent";
        };
    }

    @Test
    void theBodiesSwaggerUiOffersAreAccepted() {
        JsonNode docs = apiDocs();
        JsonNode body = docs.path("paths").path("/api/match").path("post").at("/requestBody/content/application~1json");
        // the example Swagger UI fills in
        HttpResponse<String> example = post("/api/match", body.path("example").toString(), null);
        assertThat(example.statusCode()).as(example.body()).isEqualTo(200);
        assertThat(Json.tree(example.body().getBytes()).path("matches").size()).isPositive();

        // a body built from the published schema alone, as a generator of examples builds one: every required
        // property with the first of its enum values, or a placeholder of its type
        JsonNode schema = docs.path("components").path("schemas").path("MatchingRequestBody");
        JsonNode built = fromSchema(schema);
        assertThat(built.path("session_type").asString()).isEqualTo("individual");
        HttpResponse<String> r = post("/api/match", built.toString(), null);
        assertThat(r.statusCode()).as(built + " -> " + r.body()).isEqualTo(200);
    }

    private static JsonNode fromSchema(JsonNode schema) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asString()
                : schema.path("type").asString();
        switch (type) {
            case "object" -> {
                ObjectNode o = f.objectNode();
                schema.path("required")
                        .values()
                        .forEach(n -> o.set(
                                n.asString(),
                                fromSchema(schema.path("properties").path(n.asString()))));
                return o;
            }
            case "array" -> {
                ArrayNode a = f.arrayNode();
                a.add(fromSchema(schema.path("items")));
                return a;
            }
            case "integer" -> {
                return f.numberNode(schema.path("minimum").asInt(0));
            }
            case "number" -> {
                return f.numberNode(schema.path("minimum").asDouble(0));
            }
            case "boolean" -> {
                return f.booleanNode(false);
            }
            default -> {
                return f.stringNode("string");
            }
        }
    }
}
