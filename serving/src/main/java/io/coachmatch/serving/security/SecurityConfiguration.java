package io.coachmatch.serving.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.coachmatch.serving.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one filter chain of the service. It decides on the path Spring MVC routes on (path patterns match the
 * decoded path, as the router does), behind Spring Security's {@code StrictHttpFirewall}, which refuses with
 * 400 any path that is not in canonical form (path parameters, encoded slashes, dots or percent signs, dot
 * segments, double slashes, backslashes) before anything else looks at it.
 * <ul>
 * <li>{@code /admin/**} and every actuator endpoint but health and prometheus: the admin token;
 * <li>{@code /api/feedback}: the feedback token or the admin token;
 * <li>everything else: public.
 * </ul>
 * Stateless: no session, no cookie, hence no CSRF token; no login form, no basic authentication, no
 * generated password.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    BearerTokens bearerTokens(AdminSettings admin, FeedbackTokenSettings feedback) {
        if (!admin.enabled()) {
            log.warn(
                    "ADMIN_TOKEN is unset: /admin/** and the actuator endpoints other than health and prometheus "
                            + "answer 401. Set ADMIN_TOKEN=<a secret of at least {} characters> to enable them.",
                    BearerToken.MIN_LENGTH);
        }
        if (!feedback.enabled()) {
            if (admin.enabled()) {
                log.info("FEEDBACK_TOKEN is unset: POST /api/feedback accepts the admin token only.");
            } else {
                log.warn(
                        "FEEDBACK_TOKEN and ADMIN_TOKEN are unset: POST /api/feedback answers 401. "
                                + "Set FEEDBACK_TOKEN=<a secret of at least {} characters> to accept feedback over REST.",
                        BearerToken.MIN_LENGTH);
            }
        }
        return new BearerTokens(admin.token(), feedback.token());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, BearerTokens tokens, ProblemResponses problems) {
        RequestMatcher adminArea = new OrRequestMatcher(
                pathPattern("/admin/**"), EndpointRequest.toAnyEndpoint().excluding("health", "prometheus"));
        RequestMatcher feedbackArea = pathPattern("/api/feedback/**");

        AuthenticationEntryPoint entryPoint = DelegatingAuthenticationEntryPoint.builder()
                .addEntryPointFor(
                        new TokenEntryPoint(
                                "coachmatch-feedback",
                                tokens.feedbackEnabled(),
                                "send Authorization: Bearer <FEEDBACK_TOKEN> (or the admin token)",
                                "feedback over REST is disabled: set FEEDBACK_TOKEN (or ADMIN_TOKEN)",
                                problems),
                        feedbackArea)
                .defaultEntryPoint(new TokenEntryPoint(
                        "coachmatch-admin",
                        tokens.adminEnabled(),
                        "send Authorization: Bearer <ADMIN_TOKEN>",
                        "admin endpoints are disabled: set ADMIN_TOKEN",
                        problems))
                .build();

        AuthenticationFilter bearer = new AuthenticationFilter(tokens, BearerTokens.converter());
        bearer.setRequestMatcher(new OrRequestMatcher(adminArea, feedbackArea));
        bearer.setSuccessHandler(new ContinueTheChain());
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        // A valid token that does not open this path (the feedback token on /admin): 401 as well.
                        .accessDeniedHandler((request, response, denied) -> entryPoint.commence(
                                request,
                                response,
                                new InsufficientAuthenticationException("the token does not open this path"))))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(adminArea)
                        .hasRole(BearerTokens.ADMIN)
                        .requestMatchers(feedbackArea)
                        .hasAnyRole(BearerTokens.ADMIN, BearerTokens.FEEDBACK)
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    /** What the firewall refuses: 400 and a problem detail, the reason in the log only. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return (request, response, rejected) -> {
            log.warn(
                    "Rejected {} {} from {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    rejected.getMessage());
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "the request was rejected: its path is not "
                            + "in canonical form (no path parameters, encoded '/', '.', '%' or '\\', '//', '.' or '..' "
                            + "segments) or it holds characters that are not allowed");
        };
    }

    /** A token authenticates one request, which then goes on; there is nowhere to redirect to. */
    private static final class ContinueTheChain implements AuthenticationSuccessHandler {

        @Override
        public void onAuthenticationSuccess(
                HttpServletRequest request,
                HttpServletResponse response,
                FilterChain chain,
                Authentication authentication)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }

        @Override
        public void onAuthenticationSuccess(
                HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
            // Not called: the variant above, with the chain, is.
        }
    }
}
