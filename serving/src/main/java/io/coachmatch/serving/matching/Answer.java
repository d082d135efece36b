package io.coachmatch.serving.matching;

import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.contract.MatchingResponse;

/** The one answer a request gets: a response or an error, with the bytes to send. */
public sealed interface Answer {

    String requestId();

    byte[] json();

    record Response(MatchingResponse response, byte[] json, boolean fromCache) implements Answer {
        @Override
        public String requestId() {
            return response.requestId();
        }
    }

    record Error(MatchingError error, byte[] json) implements Answer {
        @Override
        public String requestId() {
            return error.requestId();
        }
    }
}
