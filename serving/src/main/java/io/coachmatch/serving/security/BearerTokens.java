package io.coachmatch.serving.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Checks a bearer token against the configured admin and feedback tokens. Both comparisons always run, on
 * SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken tells neither a token's content nor
 * its length. No token is ever logged or kept in an {@link Authentication}.
 */
final class BearerTokens implements AuthenticationManager {

    static final String ADMIN = "ADMIN";
    static final String FEEDBACK = "FEEDBACK";
    private static final String PREFIX = "Bearer ";
    private static final byte[] UNSET = new byte[32];

    private final byte[] admin;
    private final byte[] feedback;

    /** @param adminToken, feedbackToken the configured tokens, null or blank when unset */
    BearerTokens(String adminToken, String feedbackToken) {
        this.admin = digestOrNull(adminToken);
        this.feedback = digestOrNull(feedbackToken);
    }

    boolean adminEnabled() {
        return admin != null;
    }

    boolean feedbackEnabled() {
        return admin != null || feedback != null;
    }

    /**
     * Reads {@code Authorization: Bearer <token>} (the scheme spelled exactly so, as the README documents) into
     * an unauthenticated token; any other header, or none, leaves the request anonymous.
     */
    static AuthenticationConverter converter() {
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.startsWith(PREFIX)) {
                return null;
            }
            return new PreAuthenticatedAuthenticationToken("bearer", header.substring(PREFIX.length()));
        };
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String token)) {
            throw new BadCredentialsException("no bearer token");
        }
        byte[] presented = digest(token);
        boolean isAdmin = matches(admin, presented);
        boolean isFeedback = matches(feedback, presented);
        List<GrantedAuthority> roles = new ArrayList<>();
        if (isAdmin) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + ADMIN));
        }
        if (isFeedback) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + FEEDBACK));
        }
        if (roles.isEmpty()) {
            throw new BadCredentialsException("the bearer token matches no configured token");
        }
        return new PreAuthenticatedAuthenticationToken(isAdmin ? "admin" : "feedback", null, roles);
    }

    /** Compares even when the token is unset, so that the time taken does not tell which tokens are configured. */
    private static boolean matches(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected == null ? UNSET : expected, presented) && expected != null;
    }

    private static byte[] digestOrNull(String token) {
        return token == null || token.isBlank() ? null : digest(token);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
