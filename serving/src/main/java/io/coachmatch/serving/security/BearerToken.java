package io.coachmatch.serving.security;

/** What every configured bearer token must satisfy. */
public final class BearerToken {

    /** The shortest token accepted: a shorter secret is too easy to guess. */
    public static final int MIN_LENGTH = 16;

    private BearerToken() {}

    static boolean isSet(String token) {
        return token != null && !token.isBlank();
    }

    /** Refuses a set token shorter than {@link #MIN_LENGTH}, naming the variable and never the value. */
    static void requireLength(String variable, String token) {
        if (isSet(token) && token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(variable + " is too short: use at least " + MIN_LENGTH
                    + " characters (for example: openssl rand -hex 24), or leave it unset");
        }
    }
}
