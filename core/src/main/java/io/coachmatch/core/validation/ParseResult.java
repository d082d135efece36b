package io.coachmatch.core.validation;

import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.contract.MatchingRequest;

/** The outcome of reading a request from untrusted bytes: a valid request, or the error to answer with. */
public sealed interface ParseResult {

    /** A request that passed validation. */
    record Parsed(MatchingRequest request) implements ParseResult {}

    /** A request that did not; {@code error} is the answer to send. */
    record Rejected(MatchingError error) implements ParseResult {}
}
