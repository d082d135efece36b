package io.coachmatch.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.experiments.ExperimentStore;
import io.coachmatch.serving.experiments.Experiments;
import io.coachmatch.serving.experiments.VariantModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackServiceTests {

    private LocalCountStore counts;
    private SimpleMeterRegistry meters;
    private FeedbackService service;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        VariantModels models = new VariantModels(null, null) {
            @Override
            public boolean known(String model) {
                return true;
            }

            @Override
            public Resolved resolve(String model) {
                return new Resolved(model, model, null);
            }
        };
        Experiments experiments = new Experiments(
                new ExperimentStore.FileStore(dir.resolve("experiments.json")), models, Clock.systemUTC());
        experiments.put(
                "x",
                ("{\"salt\":\"s\",\"variants\":[{\"name\":\"control\",\"model\":\"rules\",\"share\":0.5},"
                                + "{\"name\":\"treatment\",\"model\":\"v0002\",\"share\":0.5}]}")
                        .getBytes(StandardCharsets.UTF_8));
        counts = LocalCountStore.forTests();
        meters = new SimpleMeterRegistry();
        service = new FeedbackService(new FeedbackValidator(ValidationLimits.defaults()), counts, meters);
    }

    private FeedbackService.Outcome accept(String json) {
        return service.accept(Json.tree(json.getBytes(StandardCharsets.UTF_8)), "test")
                .outcome();
    }

    private static String event(String id, String request, String type, String extra) {
        return "{\"event_id\":\"" + id + "\",\"request_id\":\"" + request + "\",\"coach_id\":\"c1\",\"type\":\"" + type
                + "\"" + extra + "}";
    }

    @Nested
    class Attribution {

        @Test
        void byTheRequestsLoggedVariantWhenTheEventNamesNone() {
            counts.request("x", "treatment", "u1", "r1");
            assertThat(accept(event("e1", "r1", "booked", ""))).isEqualTo(FeedbackService.Outcome.COUNTED);
            assertThat(counts.counts("x").get("treatment").bookings()).isEqualTo(1);
        }

        @Test
        void neverByTheEventsVariantField() {
            counts.request("x", "treatment", "u1", "r1");
            assertThat(accept(event("e1", "r1", "click", ",\"variant\":\"control\"")))
                    .isEqualTo(FeedbackService.Outcome.COUNTED);
            assertThat(counts.counts("x").get("treatment").clicks()).isEqualTo(1);
            assertThat(counts.counts("x")).doesNotContainKey("control");
        }

        @Test
        void anEventForAnUnloggedRequestIsUnattributedWhateverVariantItClaims() {
            assertThat(accept(event("e1", "r-never-answered", "booked", ",\"variant\":\"treatment\"")))
                    .isEqualTo(FeedbackService.Outcome.UNATTRIBUTED);
            assertThat(counts.counts("x")).isEmpty();
        }

        @Test
        void unknownRequestsAndVariantsAreUnattributed() {
            assertThat(accept(event("e1", "r9", "click", ""))).isEqualTo(FeedbackService.Outcome.UNATTRIBUTED);
            assertThat(accept(event("e2", "r9", "click", ",\"variant\":\"nope\"")))
                    .isEqualTo(FeedbackService.Outcome.UNATTRIBUTED);
        }
    }

    @Test
    void aDuplicateEventIdCountsOnce() {
        counts.request("x", "control", "u1", "r1");
        assertThat(accept(event("e1", "r1", "rated", ",\"rating\":4.0"))).isEqualTo(FeedbackService.Outcome.COUNTED);
        assertThat(accept(event("e1", "r1", "rated", ",\"rating\":4.0"))).isEqualTo(FeedbackService.Outcome.DUPLICATE);
        VariantCounts c = counts.counts("x").get("control");
        assertThat(c.ratingsCount()).isEqualTo(1);
        assertThat(c.ratingsSum()).isEqualTo(4.0);
        assertThat(c.requests()).isEqualTo(1);
        assertThat(c.units()).isEqualTo(1);
    }

    @Test
    void invalidEventsAreReportedAndCountedInTheMetricNeverThrown() {
        assertThat(service.accept(Json.tree("{\"event_id\":\"e1\",\"type\":\"guru\"}".getBytes()), "t")
                        .details())
                .isNotEmpty();
        assertThat(service.accept(null, "t").outcome()).isEqualTo(FeedbackService.Outcome.INVALID);
        assertThat(meters.counter("coachmatch.feedback.events", "outcome", "invalid")
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void anInvalidEventIdIsNeitherEchoedNorCounted() {
        FeedbackService.Result r = service.accept(
                Json.tree(event("e 1<script>", "r1", "click", "").getBytes(StandardCharsets.UTF_8)), "t");
        assertThat(r.outcome()).isEqualTo(FeedbackService.Outcome.INVALID);
        assertThat(r.eventId()).isNull();
        assertThat(r.details()).extracting(d -> d.field()).contains("event_id");
        assertThat(service.accept(
                                Json.tree(event("x".repeat(129), "r1", "click", "")
                                        .getBytes(StandardCharsets.UTF_8)),
                                "t")
                        .outcome())
                .isEqualTo(FeedbackService.Outcome.INVALID);
    }

    @Test
    void anUnavailableCounterStoreIsReportedNotThrown() {
        FeedbackService down = new FeedbackService(
                new FeedbackValidator(ValidationLimits.defaults()),
                new LocalCountStore(
                        org.springframework.util.unit.DataSize.ofKilobytes(10),
                        java.time.Duration.ofDays(1),
                        java.time.Duration.ofDays(1)) {
                    @Override
                    public java.util.Optional<Link> link(String requestId) {
                        throw new IllegalStateException("redis down");
                    }
                },
                meters);
        assertThat(down.accept(Json.tree(event("e1", "r1", "click", "").getBytes(StandardCharsets.UTF_8)), "t")
                        .outcome())
                .isEqualTo(FeedbackService.Outcome.UNAVAILABLE);
    }

    @Test
    void unitsAreDistinctPerExperiment() {
        counts.request("x", "control", "u1", "r1");
        counts.request("x", "control", "u1", "r2");
        counts.request("x", "control", "u2", "r3");
        assertThat(counts.counts("x").get("control").units()).isEqualTo(2);
        assertThat(counts.counts("x").get("control").requests()).isEqualTo(3);
        assertThat(counts.link("r2")).contains(new CountStore.Link("x", "control"));
    }

    @Test
    void aSecondBookingOfARequestOrClickOnACoachCountsAsAnEventButNotAsAnotherSuccess() {
        counts.request("x", "control", "u1", "r1");
        String booked2 = "{\"event_id\":\"b2\",\"request_id\":\"r1\",\"coach_id\":\"c2\",\"type\":\"booked\"}";
        assertThat(accept(event("b1", "r1", "booked", ""))).isEqualTo(FeedbackService.Outcome.COUNTED);
        assertThat(accept(booked2)).isEqualTo(FeedbackService.Outcome.COUNTED);
        assertThat(accept(event("k1", "r1", "click", ""))).isEqualTo(FeedbackService.Outcome.COUNTED);
        assertThat(accept(event("k2", "r1", "click", ""))).isEqualTo(FeedbackService.Outcome.COUNTED);
        VariantCounts c = counts.counts("x").get("control");
        assertThat(c.bookings()).isEqualTo(2);
        assertThat(c.bookedRequests()).isEqualTo(1);
        assertThat(c.clicks()).isEqualTo(2);
        assertThat(c.clickedPairs()).isEqualTo(1);
    }
}
