package io.coachmatch.serving.web;

import io.coachmatch.core.json.Json;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/** REST writes contract types exactly as Kafka does: through core's one JSON configuration (snake_case). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    JsonMapper jsonMapper() {
        // Plus Spring's mix-in that writes a problem's extra properties at the top level.
        return Json.mapper().rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }
}
