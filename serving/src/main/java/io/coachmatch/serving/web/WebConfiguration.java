package io.coachmatch.serving.web;

import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.matching.MatchingService;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST writes contract types exactly as Kafka does: through core's one JSON configuration (snake_case); and
 * bodies are bounded as Kafka's requests are.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final String MATCH_PATH = "/api/match";
    static final String FEEDBACK_PATH = "/api/feedback";

    /**
     * The REST bodies, bounded by the request size limit. It runs after Spring Security's chain, which has
     * refused whatever is not in canonical form, so the servlet mapping here sees the path the router sees.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ProblemResponses problems, MatchingService matching) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(ValidationLimits.defaults().maxPayloadBytes(), problems, matching));
        registration.addUrlPatterns(MATCH_PATH, FEEDBACK_PATH);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Writes problem details where MVC's exception handling does not reach (filters, Spring Security). */
    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    JsonMapper jsonMapper() {
        // Plus Spring's mix-in that writes a problem's extra properties at the top level.
        return Json.mapper()
                .rebuild()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
    }
}
