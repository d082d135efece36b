package io.coachmatch.core.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.coachmatch.core.contract.ContractSchemas.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Generates the contract's JSON Schemas ({@link ContractSchemas.Kind}) from the {@code core} records that read and
 * write it, with victools' generator, so that they cannot drift from the code: property names as the wire spells them
 * (snake_case), enums as their wire words, and, written once here, which fields each message requires and the main
 * ranges the validators enforce ({@code ContractSchemasTests} checks that the schemas refuse what the validators
 * refuse). Unknown fields stay allowed, as the contract says.
 */
public final class ContractSchemaGenerator {

    /** Fields a message must have, as {@code RecordName.wire_name}. */
    private static final Set<String> REQUIRED = Set.of(
            "MatchingRequest.request_id",
            "MatchingRequest.session_type",
            "MatchingRequest.skills_required",
            "SkillRequirement.name",
            "CoachProfile.id",
            "CoachProfile.hourly_rate",
            "CoachSkill.name",
            "AvailabilitySlot.day_of_week",
            "AvailabilitySlot.start",
            "AvailabilitySlot.end",
            "FeedbackEvent.event_id",
            "FeedbackEvent.request_id",
            "FeedbackEvent.coach_id",
            "FeedbackEvent.type",
            "MatchingResponse.request_id",
            "MatchingResponse.status",
            "MatchingResponse.matches",
            "MatchingResponse.total_matches",
            "MatchingResponse.candidates_considered",
            "MatchingResponse.filtered_out",
            "MatchingResponse.processing_time_ms",
            "MatchingResponse.model_version",
            "MatchingResponse.served_at",
            "MatchingResponse.warnings",
            "Match.coach",
            "Match.rank",
            "Match.match_score",
            "Match.rule_score",
            "Match.skill_score",
            "Match.experience_score",
            "Match.rating_score",
            "Match.availability_score",
            "Match.price_score",
            "Match.matching_skills",
            "Match.missing_skills",
            "Match.confidence_level",
            "Match.recommendation_reason",
            "MatchingError.error_code",
            "MatchingError.message",
            "MatchingError.retryable",
            "MatchingError.occurred_at",
            "ErrorDetail.field",
            "ErrorDetail.problem");

    /** Inclusive numeric ranges, as {@code RecordName.wire_name}: {minimum, maximum} (null for none). */
    private static final Map<String, Number[]> RANGES = Map.ofEntries(
            Map.entry("SkillRequirement.weight", new Number[] {0, 10}),
            Map.entry("MatchingRequest.participants_count", new Number[] {1, 1000}),
            Map.entry("MatchingRequest.total_sessions", new Number[] {1, 1000}),
            Map.entry("MatchingRequest.max_results", new Number[] {1, 100}),
            Map.entry("AvailabilityRequirements.flexibility", new Number[] {0, 1}),
            Map.entry("AvailabilitySlot.day_of_week", new Number[] {1, 7}),
            Map.entry("FeedbackEvent.position", new Number[] {1, null}),
            Map.entry("FeedbackEvent.rating", new Number[] {1, 5}),
            Map.entry("Match.rank", new Number[] {1, null}),
            Map.entry("Match.match_score", new Number[] {0, 1}),
            Map.entry("Match.rule_score", new Number[] {0, 1}),
            Map.entry("Match.model_score", new Number[] {0, 1}),
            Map.entry("Match.skill_score", new Number[] {0, 1}),
            Map.entry("Match.experience_score", new Number[] {0, 1}),
            Map.entry("Match.rating_score", new Number[] {0, 1}),
            Map.entry("Match.availability_score", new Number[] {0, 1}),
            Map.entry("Match.price_score", new Number[] {0, 1}),
            Map.entry("Match.confidence_level", new Number[] {0, 1}),
            Map.entry("MatchingResponse.total_matches", new Number[] {0, null}),
            Map.entry("MatchingResponse.candidates_considered", new Number[] {0, null}),
            Map.entry("MatchingResponse.processing_time_ms", new Number[] {0, null}));

    /** Ids of requests, coaches and events: 1-128 of these characters. */
    private static final String ID_PATTERN = "^[A-Za-z0-9_.:-]{1,128}$";

    private static final Set<String> IDS =
            Set.of("MatchingRequest.request_id", "CoachProfile.id", "FeedbackEvent.event_id", "FeedbackEvent.coach_id");

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractSchemaGenerator() {}

    /** The schema of {@code kind} as generated from the records, pretty-printed as published. */
    public static String generate(Kind kind) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
                .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS, Option.FIELDS_DERIVED_FROM_ARGUMENTFREE_METHODS);
        config.forFields()
                .withPropertyNameOverrideResolver(f -> SNAKE.translate(f.getDeclaredName()))
                .withRequiredCheck(f -> required(kind, f))
                .withNumberInclusiveMinimumResolver(f -> bound(f, 0))
                .withNumberInclusiveMaximumResolver(f -> bound(f, 1))
                .withStringPatternResolver(f -> IDS.contains(key(f)) ? ID_PATTERN : null)
                .withArrayMinItemsResolver(f -> key(f).equals("MatchingRequest.skills_required") ? 1 : null)
                .withArrayMaxItemsResolver(f -> key(f).equals("MatchingRequest.skills_required") ? 50 : null);
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(kind.type());
        ObjectNode out = JSON.createObjectNode();
        out.put("$schema", schema.path("$schema").asText());
        out.put("$id", "https://coachmatch.io/schemas/" + kind.fileName());
        out.put("title", kind.type().getSimpleName());
        out.put("description", kind.description());
        schema.properties().forEach(e -> {
            if (!e.getKey().equals("$schema")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(FieldScope f) {
        return f.getDeclaringType().getErasedType().getSimpleName() + "." + SNAKE.translate(f.getDeclaredName());
    }

    private static boolean required(Kind kind, FieldScope f) {
        String k = key(f);
        return REQUIRED.contains(k) && !(kind == Kind.MATCHING_REQUEST_BODY && k.equals("MatchingRequest.request_id"));
    }

    /** Parses JSON with Jackson 2 (the generator's), for tests that edit examples. */
    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal bound(FieldScope f, int end) {
        if (f.isFakeContainerItemScope()) {
            return null;
        }
        Number[] range = RANGES.get(key(f));
        return range == null || range[end] == null ? null : new BigDecimal(range[end].toString());
    }
}
