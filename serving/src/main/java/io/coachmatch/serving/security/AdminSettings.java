package io.coachmatch.serving.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ADMIN_TOKEN}: the bearer token of {@code /admin/**} and of the actuator endpoints other than
 * health and prometheus; unset disables those. A token shorter than {@link BearerToken#MIN_LENGTH}
 * characters stops startup.
 */
@ConfigurationProperties("coachmatch.admin")
public record AdminSettings(String token) {

    public AdminSettings {
        BearerToken.requireLength("ADMIN_TOKEN", token);
    }

    public boolean enabled() {
        return BearerToken.isSet(token);
    }

    @Override
    public String toString() {
        return "AdminSettings[token=" + (enabled() ? "(set)" : "(unset)") + "]";
    }
}
