package io.coachmatch.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.coachmatch.core.contract.CoachProfile;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON configuration of the contract: snake_case names, absent (null) fields omitted,
 * unknown fields ignored, ISO-8601 instants, and parser limits that keep a hostile document from
 * exhausting memory or the stack. Training and serving read and write contract types only through
 * this mapper, so they cannot drift apart.
 */
public final class Json {

    /** Deepest nesting a contract document may have; real ones nest at most four levels. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Longest single string value the parser accepts at all (validation caps fields far lower). */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** Longest number literal the parser accepts. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** The same configuration without {@link CoachProfileJson}: what it must write, byte for byte. */
    private static final JsonMapper PLAIN = build(null);

    private static final JsonMapper MAPPER = build(new CoachProfileJson(PLAIN));

    private Json() {}

    static JsonMapper plain() {
        return PLAIN;
    }

    /** The shared, immutable, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** @param coaches how coach profiles are written, or null for the plain bean serializer */
    private static JsonMapper build(CoachProfileJson coaches) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        if (coaches != null) {
            builder.addModule(new SimpleModule("coach-profiles").addSerializer(CoachProfile.class, coaches));
        }
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // Records are written from their components only: a convenience such as
                // CoachProfile.isActive() must not become a second "active" property.
                .changeDefaultVisibility(v -> v.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Scores and feature vectors are mostly doubles: the JDK's conversion was a third of the time
                // spent writing an answer. Both directions stay exact (shortest text that reads back the same bits).
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
    }

    /** Reads a contract value; throws {@link tools.jackson.core.JacksonException} on bad input. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        return MAPPER.readValue(bytes, type);
    }

    public static <T> T read(String text, Class<T> type) {
        return MAPPER.readValue(text, type);
    }

    public static JsonNode tree(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
