package io.coachmatch.serving.experiments;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.experiments.ExperimentResults;
import io.coachmatch.core.experiments.InvalidExperimentException;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.feedback.CountStore;
import io.coachmatch.serving.web.ProblemDetails;
import io.lettuce.core.RedisException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Experiments over HTTP: results for everyone ({@code GET /api/experiments[/{name}]}), and starting, changing and
 * stopping experiments behind the admin token
 * ({@code PUT|DELETE /admin/experiments/{name}}).
 */
@RestController
class ExperimentsController {

    private static final int MAX_BODY = 1 << 20;

    private final Experiments experiments;
    private final CountStore counts;

    ExperimentsController(Experiments experiments, CountStore counts) {
        this.experiments = experiments;
        this.counts = counts;
    }

    @GetMapping(path = "/api/experiments", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Experiment e : experiments.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("status", e.effectiveStatus());
            m.put("unit", e.effectiveUnit());
            m.put("variants", e.variants());
            m.put("started_at", e.startedAt());
            m.put("stopped_at", e.stoppedAt());
            m.put("results", results(e));
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiments", out);
        body.put("shared_through", experiments.mode());
        body.put("counts", counts.mode());
        return json(HttpStatus.OK, body);
    }

    @GetMapping(path = "/api/experiments/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> get(@PathVariable String name) {
        Experiment e = experiments.find(name).orElseThrow(() -> notFound(name));
        return json(HttpStatus.OK, results(e));
    }

    private ExperimentResults results(Experiment e) {
        return ExperimentResults.compute(e, counts.counts(e.name()), experiments::versionOf);
    }

    @PutMapping(
            path = "/admin/experiments/{name}",
            consumes = MediaType.ALL_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> put(@PathVariable String name, HttpServletRequest http) throws IOException {
        byte[] body = http.getInputStream().readNBytes(MAX_BODY);
        try {
            Experiment started = experiments.put(name, body);
            tell(() -> counts.started(name), name);
            return json(HttpStatus.OK, started);
        } catch (InvalidExperimentException e) {
            throw invalid(e);
        } catch (ExperimentStore.ConflictException e) {
            throw problem(HttpStatus.CONFLICT, e.getMessage(), List.of());
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @DeleteMapping(path = "/admin/experiments/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> delete(@PathVariable String name) {
        try {
            Experiment stopped = experiments.stop(name).orElseThrow(() -> notFound(name));
            tell(() -> counts.stopped(name), name);
            return json(HttpStatus.OK, stopped);
        } catch (ExperimentStore.ConflictException e) {
            throw problem(HttpStatus.CONFLICT, e.getMessage(), List.of());
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    /** Tells the counters an experiment started or stopped (expiry of its sets); a failure is only logged. */
    private static void tell(Runnable change, String name) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ExperimentsController.class)
                    .warn("The counters of experiment {} keep their expiry as it was: {}", name, e.toString());
        }
    }

    /** Without Redis the change could not reach the other instances: refuse it rather than split them. */
    private static ErrorResponseException unavailable(RedisException e) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Redis is unavailable, so the change cannot be shared with " + "the other instances; try again: "
                        + e.getMessage(),
                List.of());
    }

    private static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.bytes(body));
    }

    private static ErrorResponseException notFound(String name) {
        return problem(HttpStatus.NOT_FOUND, "no experiment named '" + name + "'", List.of());
    }

    private static ErrorResponseException invalid(InvalidExperimentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.details());
    }

    private static ErrorResponseException problem(HttpStatus status, String detail, List<ErrorDetail> details) {
        return ProblemDetails.exception(ProblemDetails.of(status, detail, details));
    }
}
