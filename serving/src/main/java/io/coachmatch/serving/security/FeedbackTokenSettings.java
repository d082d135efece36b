package io.coachmatch.serving.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code FEEDBACK_TOKEN}: a bearer token that opens {@code POST /api/feedback} (and nothing else); the
 * admin token opens it too. With neither set, feedback over REST is refused. A token shorter than
 * {@link BearerToken#MIN_LENGTH} characters stops startup.
 */
@ConfigurationProperties("coachmatch.feedback")
public record FeedbackTokenSettings(String token) {

    public FeedbackTokenSettings {
        BearerToken.requireLength("FEEDBACK_TOKEN", token);
    }

    public boolean enabled() {
        return BearerToken.isSet(token);
    }

    @Override
    public String toString() {
        return "FeedbackTokenSettings[token=" + (enabled() ? "(set)" : "(unset)") + "]";
    }
}
