package io.coachmatch.serving.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Reports a taken port as Spring Boot reports a start-up failure it understands (a description and an action, no
 * stack trace): {@link PortInUseAtStart} from {@link PortChecks} or the embedded broker, and the web server's own
 * {@link PortInUseException}, whose default advice does not name the setting. Ahead of Boot's analyzers.
 */
public final class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PortInUseAtStart p) {
                return new FailureAnalysis(p.description(), p.action(), p);
            }
            if (t instanceof PortInUseException p) {
                PortInUseAtStart ours =
                        new PortInUseAtStart(p.getPort(), "the HTTP server", "set SERVER_PORT to a free port");
                return new FailureAnalysis(ours.description(), ours.action(), p);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
