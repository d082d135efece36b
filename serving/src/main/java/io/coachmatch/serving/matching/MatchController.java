package io.coachmatch.serving.matching;

import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.web.ProblemDetails;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The synchronous twin of the Kafka path: the same answer, the same cache, the same validation. */
@RestController
class MatchController {

    /** The largest request accepted (core's limit, as over Kafka); {@link RequestBodyLimit} refuses larger ones. */
    private static final int MAX_BODY = ValidationLimits.defaults().maxPayloadBytes();

    private final MatchingService service;

    MatchController(MatchingService service) {
        this.service = service;
    }

    @Operation(
            description = "Body: a MatchingRequest (request_id optional; one is assigned). Answers a MatchingResponse; "
                    + "invalid input is a problem detail with the contract's error_code.")
    @PostMapping(path = "/api/match", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> match(HttpServletRequest http) throws IOException {
        // The raw bytes whatever the content type (curl -d without a type must not be read as a form),
        // at most one byte past the largest accepted request.
        byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
        Answer answer = service.answerRest(body);
        if (answer instanceof Answer.Error e) {
            throw ProblemDetails.exception(ProblemDetails.of(e.error()));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }
}
