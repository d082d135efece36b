package io.coachmatch.core.validation;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Reads a MatchingRequest from untrusted bytes in three guarded steps: size (before any parsing),
 * JSON syntax, then the contract's rules. Whatever the input, it returns a {@link ParseResult} and
 * never throws, so a poison message becomes an error answer, not a stuck consumer. The request id
 * is recovered for the error answer whenever it can be read, even from broken JSON.
 */
public final class RequestParser {

    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\"\\s*:\\s*\"([A-Za-z0-9_.:-]{1,128})\"");
    private static final int ID_SCAN_BYTES = 4096;

    private final ValidationLimits limits;
    private final RequestValidator validator;
    private final Clock clock;

    public RequestParser(ValidationLimits limits, CurrencyRates rates) {
        this(limits, rates, Clock.systemUTC());
    }

    public RequestParser(ValidationLimits limits, CurrencyRates rates, Clock clock) {
        this.limits = limits;
        this.validator = new RequestValidator(limits, rates);
        this.clock = clock;
    }

    /**
     * @param requireRequestId false on the REST endpoint, which assigns an id when the body has none
     */
    public ParseResult parse(byte[] payload, boolean requireRequestId) {
        if (payload == null || payload.length == 0) {
            return reject(null, ErrorCode.MALFORMED_JSON, "the request is empty", List.of());
        }
        if (payload.length > limits.maxPayloadBytes()) {
            return reject(
                    scanRequestId(payload),
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "the request is " + payload.length + " bytes; at most " + limits.maxPayloadBytes()
                            + " are accepted",
                    List.of());
        }
        JsonNode root;
        try {
            root = Json.tree(payload);
        } catch (JacksonException e) {
            return reject(
                    scanRequestId(payload),
                    ErrorCode.MALFORMED_JSON,
                    "the request is not valid JSON: " + describe(e),
                    List.of());
        }
        if (root == null || root.isMissingNode()) {
            return reject(null, ErrorCode.MALFORMED_JSON, "the request is empty", List.of());
        }
        String id = root.isObject()
                        && root.path("request_id").isString()
                        && REQUEST_ID
                                .matcher("\"request_id\":\""
                                        + root.path("request_id").stringValue() + "\"")
                                .matches()
                ? root.path("request_id").stringValue()
                : null;
        List<ErrorDetail> problems = validator.validate(root, requireRequestId);
        if (!problems.isEmpty()) {
            String first = problems.get(0).field() + " " + problems.get(0).problem();
            String message = problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
            return reject(id, ErrorCode.INVALID_REQUEST, message, problems);
        }
        try {
            return new ParseResult.Parsed(Json.convert(root, MatchingRequest.class));
        } catch (JacksonException e) {
            return reject(id, ErrorCode.INVALID_REQUEST, "the request could not be read: " + describe(e), List.of());
        }
    }

    private ParseResult reject(String requestId, ErrorCode code, String message, List<ErrorDetail> details) {
        return new ParseResult.Rejected(
                new MatchingError(requestId, code, message, details, code.retryable(), clock.instant(), null));
    }

    /** The request id, read leniently from the first bytes of a payload that cannot be parsed. */
    static String scanRequestId(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, ID_SCAN_BYTES), StandardCharsets.UTF_8);
        Matcher m = REQUEST_ID.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    static String describe(JacksonException e) {
        String msg = e.getOriginalMessage();
        if (msg != null) {
            int nl = msg.indexOf('\n');
            msg = nl >= 0 ? msg.substring(0, nl) : msg;
            if (msg.length() > 200) {
                msg = msg.substring(0, 200) + "...";
            }
        }
        TokenStreamLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            return msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return msg;
    }
}
