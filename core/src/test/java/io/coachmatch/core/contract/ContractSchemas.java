package io.coachmatch.core.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.coachmatch.core.SharedExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the contract, published in {@code docs/schemas/} ({@link ContractSchemaGenerator} generates them
 * from the records; {@code ContractSchemasTests} fails when the published files differ), and validation against them:
 * the examples in {@code core}'s tests, every answer the serving integration tests receive.
 */
public final class ContractSchemas {

    /** One schema of the contract: its file under docs/schemas/ and the record it describes. */
    public enum Kind {
        MATCHING_REQUEST("matching-request", MatchingRequest.class, "A matching request on matching-requests."),
        MATCHING_REQUEST_BODY(
                "matching-request-body",
                MatchingRequest.class,
                "A matching request's body on the REST endpoint, which assigns a request_id when it has none."),
        MATCHING_RESPONSE("matching-response", MatchingResponse.class, "The answer on matching-responses."),
        MATCHING_ERROR("matching-error", MatchingError.class, "The answer on matching-errors."),
        COACH_PROFILE("coach-profile", CoachProfile.class, "A coach on coach-profiles (and in coaches.jsonl)."),
        FEEDBACK_EVENT("feedback-event", FeedbackEvent.class, "An event on matching-feedback (and in feedback.jsonl).");

        private final String file;
        private final Class<?> type;
        private final String description;

        Kind(String file, Class<?> type, String description) {
            this.file = file;
            this.type = type;
            this.description = description;
        }

        public String fileName() {
            return file + ".schema.json";
        }

        public Class<?> type() {
            return type;
        }

        public String description() {
            return description;
        }
    }

    private static final Map<Kind, Schema> VALIDATORS = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** The published schemas' folder: docs/schemas/ in the repository. */
    public static Path dir() {
        return SharedExamples.dir().resolveSibling("schemas");
    }

    /** The published schema of {@code kind}. */
    public static Path file(Kind kind) {
        return dir().resolve(kind.fileName());
    }

    /**
     * The problems of a JSON document against the published schema of {@code kind}, one line each ("$.matches[0].rank:
     * must have a minimum value of 1"); empty when it conforms.
     */
    public static List<String> problems(Kind kind, String json) {
        Schema schema = VALIDATORS.computeIfAbsent(kind, k -> {
            try {
                String text = Files.readString(file(k), StandardCharsets.UTF_8);
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                        .getSchema(text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file(k), e);
            }
        });
        List<Error> errors = schema.validate(json, com.networknt.schema.InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
