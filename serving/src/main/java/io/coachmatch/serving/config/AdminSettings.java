package io.coachmatch.serving.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ADMIN_TOKEN}: the bearer token of {@code /admin/**}; unset disables those endpoints. */
@ConfigurationProperties("coachmatch.admin")
public record AdminSettings(String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminSettings[token=" + (enabled() ? "(set)" : "(unset)") + "]";
    }
}
