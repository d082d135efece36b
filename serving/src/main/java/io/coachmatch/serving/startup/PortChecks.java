package io.coachmatch.serving.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Before anything starts, checks that the ports the service is about to listen on are free: the HTTP port
 * ({@code SERVER_PORT}) and, when it runs its own Kafka broker, the broker's ({@code EMBEDDED_KAFKA_PORT}). A taken
 * port fails start-up at once with {@link PortInUseAtStart}, which {@link StartupFailureAnalyzer} reports as one line
 * naming the setting, instead of a stack trace from deep inside the web server or the broker. (A port taken between
 * this check and the bind still fails, and is reported the same way.) Registered in {@code META-INF/spring.factories}.
 */
public final class PortChecks implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        Integer http = port(env, "server.port");
        if (http != null && http > 0 && !free("0.0.0.0", http)) {
            throw new PortInUseAtStart(http, "the HTTP server", "set SERVER_PORT to a free port");
        }
        if (env.getProperty("coachmatch.kafka.bootstrap-servers", "").isBlank()) {
            Integer kafka = port(env, "coachmatch.kafka.embedded-port");
            if (kafka != null && kafka > 0 && !free("127.0.0.1", kafka)) {
                throw new PortInUseAtStart(
                        kafka,
                        "the embedded Kafka broker",
                        "set EMBEDDED_KAFKA_PORT to a free port, or KAFKA_BOOTSTRAP_SERVERS to use that Kafka");
            }
        }
    }

    private static Integer port(Environment env, String name) {
        try {
            Integer p = env.getProperty(name, Integer.class);
            return p != null && p <= 65535 ? p : null;
        } catch (RuntimeException e) {
            return null; // not a number: the settings' own validation names it
        }
    }

    /** Whether a listening socket could be bound to {@code host:port} now. */
    public static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
