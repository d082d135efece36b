package io.coachmatch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoachValidatorTests {

    final CoachValidator validator = new CoachValidator(ValidationLimits.defaults(), CurrencyRates.defaults());
    final FeedbackValidator feedback = new FeedbackValidator(ValidationLimits.defaults());

    @Test
    void acceptsTheContractsExamples() {
        assertThat(validator.validate(Json.tree(SharedExamples.bytes("coach.json"))))
                .isEmpty();
        assertThat(feedback.validate(Json.tree(SharedExamples.bytes("feedback-event.json"))))
                .isEmpty();
    }

    @Test
    void reportsEveryBadFieldOfAProfile() {
        String bad = new String(SharedExamples.bytes("coach.json"), StandardCharsets.UTF_8)
                .replace("\"expert\"", "\"wizard\"")
                .replace("\"America/Los_Angeles\"", "\"Nowhere\"")
                .replace("\"day_of_week\": 3", "\"day_of_week\": 9")
                .replace("\"average\": 4.8", "\"average\": 7");
        assertThat(validator.validate(Json.tree(bad.getBytes(StandardCharsets.UTF_8))))
                .extracting(ErrorDetail::field)
                .containsExactly("skills[0].level", "timezone", "availability[1].day_of_week", "rating.average");
    }

    @Test
    void requiresARatingForRatedFeedback() {
        assertThat(feedback.validate(Json.tree(
                        ("{\"event_id\":\"e\",\"request_id\":\"r\",\"coach_id\":\"c\"," + "\"type\":\"rated\"}")
                                .getBytes(StandardCharsets.UTF_8))))
                .containsExactly(new ErrorDetail("rating", "is required for type 'rated'"));
    }
}
