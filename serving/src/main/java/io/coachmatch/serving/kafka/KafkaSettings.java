package io.coachmatch.serving.kafka;

import static io.coachmatch.serving.SettingsChecks.requirePositive;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Kafka is and what the service reads and writes there. A blank {@code bootstrapServers}
 * ({@code KAFKA_BOOTSTRAP_SERVERS} unset) starts the in-process broker on {@code embeddedPort}.
 */
@Validated
@ConfigurationProperties("coachmatch.kafka")
public record KafkaSettings(
        String bootstrapServers,

        @DefaultValue("9092")
        @Min(value = 0, message = "must be a port within [0, 65535] (EMBEDDED_KAFKA_PORT)")
        @Max(value = 65535, message = "must be a port within [0, 65535] (EMBEDDED_KAFKA_PORT)")
        int embeddedPort,

        @DefaultValue("coachmatch-serving") @NotBlank String groupId,
        @DefaultValue("coachmatch-serving-") @NotBlank String transactionIdPrefix,
        @DefaultValue @Valid @NotNull Topics topics,

        @DefaultValue("6") @Min(value = 1, message = "must be at least 1 (KAFKA_PARTITIONS)") @Max(1000)
        int partitions,

        @DefaultValue("1") @Min(1) @Max(32767) short replicationFactor,

        @DefaultValue("2") @Min(value = 1, message = "must be at least 1 (KAFKA_CONCURRENCY)") @Max(64)
        int concurrency,

        @DefaultValue("true") boolean listenerEnabled,
        @DefaultValue("6s") Duration sessionTimeout,
        @DefaultValue("5s") Duration transactionTimeout,
        @DefaultValue("1s") Duration cacheBudget,

        @DefaultValue("5") @Min(value = 1, message = "must be at least 1 (KAFKA_MAX_ATTEMPTS)") @Max(100)
        int maxAttempts,

        @DefaultValue("1048576") @Min(value = 65536, message = "must be at least 65536 bytes (KAFKA_MAX_REQUEST_SIZE)")
        int maxRequestSize,

        @DefaultValue("100") @Min(value = 1, message = "must be at least 1 (KAFKA_MAX_POLL_RECORDS)") @Max(10000)
        int maxPollRecords,

        String instanceId,

        @DefaultValue("none")
        @Pattern(
                regexp = "none|gzip|snappy|lz4|zstd",
                message = "must be one of none, gzip, snappy, lz4, zstd (KAFKA_COMPRESSION)")
        String compression,

        @DefaultValue("classic")
        @Pattern(regexp = "classic|consumer", message = "must be classic or consumer (KAFKA_GROUP_PROTOCOL)")
        String groupProtocol) {

    public KafkaSettings {
        requirePositive(sessionTimeout, "coachmatch.kafka.session-timeout");
        requirePositive(transactionTimeout, "coachmatch.kafka.transaction-timeout");
        requirePositive(cacheBudget, "coachmatch.kafka.cache-budget");
        if (cacheBudget.compareTo(transactionTimeout.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("coachmatch.kafka.cache-budget (" + cacheBudget
                    + ") must be at most half of coachmatch.kafka.transaction-timeout (" + transactionTimeout
                    + "), so that a batch that waits on Redis still commits in time");
        }
        if (instanceId != null && !instanceId.isBlank() && !instanceId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException(
                    "INSTANCE_ID must be 1-100 characters of [A-Za-z0-9._-], was '" + instanceId + "'");
        }
    }

    /**
     * How many transactional producers (and so transactional ids) an instance may use at once: one per listener
     * thread of the request and feedback listeners, one for background sends, one spare. The ids are bounded to
     * this many, so that a restarted instance can fence all of its predecessor's.
     */
    public int transactionalProducers() {
        return 2 * concurrency + 2;
    }

    /** Kafka's KIP-848 group protocol ({@code consumer}) rather than the classic one. */
    public boolean consumerGroupProtocol() {
        return "consumer".equals(groupProtocol);
    }

    /** Room left in a record for its key, headers and batch framing. */
    private static final int RECORD_OVERHEAD = 8 * 1024;

    /** The largest answer that fits in one record under {@code maxRequestSize}. */
    public int maxAnswerBytes() {
        return maxRequestSize - RECORD_OVERHEAD;
    }

    private static final String TOPIC = "[A-Za-z0-9._-]{1,249}";

    /** The contract's topic names, each overridable ({@code MATCHING_REQUESTS_TOPIC}, ...). */
    public record Topics(
            @DefaultValue("matching-requests")
            @Pattern(regexp = TOPIC, message = "is not a valid topic name (MATCHING_REQUESTS_TOPIC)")
            String requests,

            @DefaultValue("matching-responses")
            @Pattern(regexp = TOPIC, message = "is not a valid topic name (MATCHING_RESPONSES_TOPIC)")
            String responses,

            @DefaultValue("matching-errors")
            @Pattern(regexp = TOPIC, message = "is not a valid topic name (MATCHING_ERRORS_TOPIC)")
            String errors,

            @DefaultValue("matching-feedback")
            @Pattern(regexp = TOPIC, message = "is not a valid topic name (MATCHING_FEEDBACK_TOPIC)")
            String feedback,

            @DefaultValue("coach-profiles")
            @Pattern(regexp = TOPIC, message = "is not a valid topic name (COACH_PROFILES_TOPIC)")
            String coachProfiles) {}

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
