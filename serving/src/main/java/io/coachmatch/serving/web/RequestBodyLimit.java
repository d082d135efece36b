package io.coachmatch.serving.web;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.matching.Channel;
import io.coachmatch.serving.matching.MatchingService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the largest request (core's {@link ValidationLimits}, the same limit as over
 * Kafka) with 413 and the contract's {@code PAYLOAD_TOO_LARGE} problem, before any handler runs: a declared
 * length past the limit is refused unread, and otherwise at most one byte past the limit is read. A body within
 * the limit is handed on from memory, so the handler reads it as if from the connection.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimit.class);

    private final int maxBytes;
    private final ProblemResponses problems;
    private final MatchingService matching;

    RequestBodyLimit(int maxBytes, ProblemResponses problems, MatchingService matching) {
        this.maxBytes = maxBytes;
        this.problems = problems;
        this.matching = matching;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long t0 = System.nanoTime();
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response, t0);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response, t0);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long t0) throws IOException {
        MatchingError error = new MatchingError(
                null,
                ErrorCode.PAYLOAD_TOO_LARGE,
                "the body is larger than " + maxBytes + " bytes, the most a request may have",
                List.of(),
                ErrorCode.PAYLOAD_TOO_LARGE.retryable(),
                Instant.now(),
                null);
        log.debug(
                "Refused {} {}: the body is larger than {} bytes",
                request.getMethod(),
                request.getRequestURI(),
                maxBytes);
        if (request.getServletPath().equals(WebConfiguration.MATCH_PATH)) {
            matching.recordRejected(Channel.REST, error, Duration.ofNanos(System.nanoTime() - t0));
        }
        problems.write(request, response, ProblemDetails.of(error));
    }

    /** The request with its body already read. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
