package io.coachmatch.serving.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class BearerTokensTests {

    private static final String ADMIN = "admin-secret-0123456789";
    private static final String FEEDBACK = "feedback-secret-0123456789";

    private static Authentication presented(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/models/reload");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return BearerTokens.converter().convert(request);
    }

    private static java.util.List<String> roles(BearerTokens tokens, String authorization) {
        return tokens.authenticate(presented(authorization)).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    @Nested
    class WithBothTokens {

        private final BearerTokens tokens = new BearerTokens(ADMIN, FEEDBACK);

        @Test
        void eachTokenGrantsItsOwnRole() {
            assertThat(roles(tokens, "Bearer " + ADMIN)).containsExactly("ROLE_ADMIN");
            assertThat(roles(tokens, "Bearer " + FEEDBACK)).containsExactly("ROLE_FEEDBACK");
        }

        @Test
        void onlyTheExactBearerTokenPasses() {
            for (String wrong : new String[] {
                "Bearer " + ADMIN + "x",
                "Bearer " + ADMIN.substring(1),
                "Bearer  " + ADMIN,
                "Bearer " + ADMIN.toUpperCase(),
                "Bearer "
            }) {
                assertThatThrownBy(() -> tokens.authenticate(presented(wrong)))
                        .as(wrong)
                        .isInstanceOf(BadCredentialsException.class);
            }
        }

        @Test
        void otherSchemesOrNoHeaderLeaveTheRequestAnonymous() {
            assertThat(presented(null)).isNull();
            assertThat(presented("Basic " + ADMIN)).isNull();
            assertThat(presented("bearer " + ADMIN)).isNull();
            assertThat(presented(ADMIN)).isNull();
        }

        @Test
        void theAuthenticationKeepsNoToken() {
            Authentication a = tokens.authenticate(presented("Bearer " + ADMIN));
            assertThat(a.getCredentials()).isNull();
            assertThat(a.toString()).doesNotContain(ADMIN);
        }
    }

    @Test
    void withNoTokensConfiguredNothingPasses() {
        BearerTokens none = new BearerTokens(null, "  ");
        assertThat(none.adminEnabled()).isFalse();
        assertThat(none.feedbackEnabled()).isFalse();
        assertThatThrownBy(() -> none.authenticate(presented("Bearer "))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> none.authenticate(presented("Bearer null")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theAdminTokenAloneAlsoOpensFeedback() {
        assertThat(new BearerTokens(ADMIN, null).feedbackEnabled()).isTrue();
    }

    @Test
    void theSettingsNeverPrintTheTokens() {
        assertThat(new AdminSettings(ADMIN).toString()).doesNotContain(ADMIN);
        assertThat(new FeedbackTokenSettings(FEEDBACK).toString()).doesNotContain(FEEDBACK);
    }
}
