package io.coachmatch.serving.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The service's OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}) as the wire is:
 * the contract's messages are the JSON Schemas of {@code docs/schemas} (generated from the core records, copied into
 * the jar by the build), every other body is described in snake_case as the service's JSON mapper writes it, errors
 * are problem details, admin and feedback endpoints name their bearer tokens, and every operation has a tag by
 * feature and a summary ({@link #OPERATIONS}; a test fails on an operation missing from it).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN_TOKEN = "admin_token";
    static final String FEEDBACK_TOKEN = "feedback_token";

    /** Component name → schema file under {@code contract/schemas/} on the classpath. */
    static final Map<String, String> CONTRACT = Map.of(
            "MatchingRequest", "matching-request",
            "MatchingRequestBody", "matching-request-body",
            "MatchingResponse", "matching-response",
            "MatchingError", "matching-error",
            "CoachProfile", "coach-profile",
            "FeedbackEvent", "feedback-event");

    private static final String PROBLEM = "ProblemDetail";

    /**
     * How each operation is documented.
     *
     * @param tag      its feature
     * @param summary  one line
     * @param request  the component of its JSON body, or null
     * @param response the component of its 200 answer, or null to keep what springdoc found
     * @param example  the example body (a file of docs/examples) Swagger UI offers, or null
     */
    record Doc(String tag, String summary, String request, String response, String example) {

        Doc(String tag, String summary, String request, String response) {
            this(tag, summary, request, response, null);
        }
    }

    static final Map<String, Doc> OPERATIONS = Map.ofEntries(
            Map.entry(
                    "POST /api/match",
                    new Doc(
                            "Matching",
                            "Rank the best coaches for a request (the REST twin of matching-requests)",
                            "MatchingRequestBody",
                            "MatchingResponse",
                            "seed-request.json")),
            Map.entry("GET /api/coaches", new Doc("Catalog", "List coaches of the catalog, filtered", null, null)),
            Map.entry(
                    "POST /admin/catalog/reload",
                    new Doc("Catalog", "Reload the coach catalog from its file now", null, null)),
            Map.entry(
                    "POST /api/feedback",
                    new Doc(
                            "Feedback",
                            "Record feedback events (one, or an array)",
                            "FeedbackEvents",
                            null,
                            "feedback-event.json")),
            Map.entry(
                    "GET /api/experiments",
                    new Doc("Experiments", "Every experiment with its variants and results", null, null)),
            Map.entry(
                    "GET /api/experiments/{name}",
                    new Doc("Experiments", "One experiment's results per variant", null, null)),
            Map.entry(
                    "PUT /admin/experiments/{name}",
                    new Doc("Experiments", "Start an experiment or change its shares", null, null)),
            Map.entry("DELETE /admin/experiments/{name}", new Doc("Experiments", "Stop an experiment", null, null)),
            Map.entry("GET /api/models", new Doc("Models", "The model versions serving uses", null, null)),
            Map.entry(
                    "POST /admin/models/reload",
                    new Doc("Models", "Reload the model registry now and report what changed", null, null)),
            Map.entry(
                    "GET /api/stats",
                    new Doc("Monitoring", "Requests, answers and latency percentiles of this instance", null, null)),
            Map.entry(
                    "GET /health",
                    new Doc("Monitoring", "Readiness: catalog, model, Kafka listener and cache", null, null)));

    private static final List<Tag> TAGS = List.of(
            new Tag().name("Matching").description("Ranked coaches for a request, with a breakdown and a reason each"),
            new Tag().name("Catalog").description("The coaches serving matches against"),
            new Tag().name("Feedback").description("What requesters did with the answers"),
            new Tag().name("Experiments").description("A/B tests of model versions"),
            new Tag().name("Models").description("The model registry"),
            new Tag().name("Monitoring").description("Health and statistics"));

    @Bean
    OpenAPI serviceDescription() {
        return new OpenAPI()
                .info(new Info()
                        .title("coachmatch serving")
                        .version("1")
                        .description("Matches people who need coaching with the coaches who fit them best. The same"
                                + " answers as the Kafka topics matching-requests / matching-responses; the contract"
                                + " is docs/contract.md, its schemas docs/schemas.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                ADMIN_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The service's ADMIN_TOKEN: Authorization: Bearer <ADMIN_TOKEN>"))
                        .addSecuritySchemes(
                                FEEDBACK_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The service's FEEDBACK_TOKEN (the admin token is accepted too)")))
                .tags(TAGS);
    }

    @Bean
    OpenApiCustomizer wireDescription() {
        return OpenApiConfiguration::describe;
    }

    static void describe(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        Map<String, Schema> schemas =
                components.getSchemas() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(components.getSchemas());
        // what springdoc derived from the Java records, in Java's camelCase: renamed as the service writes them
        schemas.values().forEach(OpenApiConfiguration::snakeCase);
        // the contract's messages: exactly the published schemas (springdoc's guesses of them, and the pieces
        // they were made of, are dropped)
        schemas.keySet().removeAll(Set.of("AvailabilityRequirements", "BudgetConstraints", "SkillRequirement"));
        CONTRACT.forEach((name, file) -> schemas.put(name, contractSchema(file)));
        schemas.put(
                "FeedbackEvents",
                new JsonSchema()
                        .oneOf(List.of(
                                ref("FeedbackEvent"),
                                new JsonSchema().types(Set.of("array")).items(ref("FeedbackEvent")))));
        schemas.put(PROBLEM, problemSchema());
        components.setSchemas(new LinkedHashMap<>(schemas));

        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    Doc doc = OPERATIONS.get(method.name() + " " + path);
                    if (doc == null) {
                        return;
                    }
                    op.setTags(List.of(doc.tag()));
                    op.setSummary(doc.summary());
                    if (doc.request() != null) {
                        MediaType media = new MediaType().schema(ref(doc.request()));
                        if (doc.example() != null) {
                            media.setExample(contractResource("/contract/examples/" + doc.example(), Object.class));
                        }
                        op.setRequestBody(new RequestBody()
                                .required(true)
                                .content(new Content().addMediaType("application/json", media)));
                    }
                    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                    if (doc.response() != null) {
                        responses.addApiResponse(
                                "200",
                                new ApiResponse()
                                        .description("OK")
                                        .content(new Content()
                                                .addMediaType(
                                                        "application/json",
                                                        new MediaType().schema(ref(doc.response())))));
                    }
                    if (doc.request() != null) {
                        responses.addApiResponse(
                                "400", problem("Invalid input: the contract's error_code and the fields"));
                    }
                    if (path.startsWith("/admin/")) {
                        op.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_TOKEN)));
                        responses.addApiResponse("401", problem("No token, or a wrong one"));
                    } else if (path.startsWith("/api/feedback")) {
                        op.setSecurity(List.of(
                                new SecurityRequirement().addList(FEEDBACK_TOKEN),
                                new SecurityRequirement().addList(ADMIN_TOKEN)));
                        responses.addApiResponse("401", problem("No token, or a wrong one"));
                    }
                    op.setResponses(responses);
                }));
    }

    /** Every operation of the description, as "METHOD /path". */
    static List<String> operations(OpenAPI api) {
        List<String> out = new ArrayList<>();
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) ->
                            item.readOperationsMap().keySet().forEach(m -> out.add(m.name() + " " + path)));
        }
        return out;
    }

    private static Schema<?> ref(String component) {
        return new JsonSchema().$ref("#/components/schemas/" + component);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(ref(PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> p = new LinkedHashMap<>();
        p.put("type", string("A URI naming the kind of problem"));
        p.put("title", string("Its short name: the contract's error code for invalid input"));
        p.put("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status"));
        p.put("detail", string("What went wrong, in one line"));
        p.put("instance", string("The path of the request"));
        p.put("error_code", string("The contract's error code (INVALID_REQUEST, MALFORMED_JSON, ...)"));
        p.put(
                "details",
                new JsonSchema()
                        .types(Set.of("array"))
                        .items(new JsonSchema()
                                .types(Set.of("object"))
                                .properties(Map.of("field", string("The field"), "problem", string("Its problem")))));
        p.put("retryable", new JsonSchema().types(Set.of("boolean")));
        return new JsonSchema()
                .types(Set.of("object"))
                .description("An RFC 9457 problem detail")
                .properties(p);
    }

    private static Schema<?> string(String description) {
        return new JsonSchema().types(Set.of("string")).description(description);
    }

    /** A published schema of the contract, as an OpenAPI 3.1 schema object. */
    static Schema<?> contractSchema(String file) {
        Schema<?> s = contractResource("/contract/schemas/" + file + ".schema.json", Schema.class);
        s.set$id(null);
        s.set$schema(null);
        return s;
    }

    /** A file of docs/ that the build copies into the jar under contract/, read as {@code type}. */
    private static <T> T contractResource(String resource, Class<T> type) {
        try (InputStream in = OpenApiConfiguration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (the build copies it from docs/)");
            }
            return Json31.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java property name as the service's JSON mapper writes it. */
    static String snake(String javaName) {
        return PropertyNamingStrategies.SNAKE_CASE.nameForField(null, null, javaName);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void snakeCase(Schema<?> s) {
        if (s == null) {
            return;
        }
        if (s.getProperties() != null) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            s.getProperties().forEach((name, value) -> {
                snakeCase(value);
                renamed.put(snake(name), value);
            });
            s.setProperties(renamed);
        }
        if (s.getRequired() != null) {
            s.setRequired(
                    s.getRequired().stream().map(OpenApiConfiguration::snake).toList());
        }
        snakeCase(s.getItems());
        if (s.getAdditionalProperties() instanceof Schema a) {
            snakeCase(a);
        }
    }
}
