package io.coachmatch.serving.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts the in-process broker as soon as the configuration is known, in parallel with the rest of
 * startup (it takes seconds on a cold JVM); {@link KafkaConfiguration} picks it up. A failed
 * startup stops it again.
 */
public class EmbeddedKafkaLauncher implements ApplicationListener<ApplicationEvent> {

    private static final AtomicReference<CompletableFuture<InProcessKafkaBroker>> PENDING = new AtomicReference<>();

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent e) {
            Environment env = e.getEnvironment();
            String servers = env.getProperty("coachmatch.kafka.bootstrap-servers", "");
            if (!servers.isBlank() || !env.getProperty("coachmatch.kafka.early-start", Boolean.class, true)) {
                return;
            }
            int port;
            try {
                port = Integer.parseInt(env.getProperty("coachmatch.kafka.embedded-port", "9092")
                        .trim());
            } catch (NumberFormatException ex) {
                return; // the properties record reports the bad value
            }
            if (port < 0 || port > 65535) {
                return;
            }
            CompletableFuture<InProcessKafkaBroker> f =
                    CompletableFuture.supplyAsync(() -> InProcessKafkaBroker.start(port));
            CompletableFuture<InProcessKafkaBroker> previous = PENDING.getAndSet(f);
            if (previous != null) {
                previous.thenAccept(InProcessKafkaBroker::close);
            }
        } else if (event instanceof ApplicationFailedEvent || event instanceof ApplicationStartedEvent) {
            // Unclaimed (failed startup, or a configuration that named a Kafka after all): stop it.
            CompletableFuture<InProcessKafkaBroker> f = PENDING.getAndSet(null);
            if (f != null) {
                f.thenAccept(InProcessKafkaBroker::close);
            }
        }
    }

    /** The broker started early on this port, if any; the caller owns it from now on. */
    static InProcessKafkaBroker take(int port) {
        CompletableFuture<InProcessKafkaBroker> f = PENDING.getAndSet(null);
        if (f == null) {
            return null;
        }
        InProcessKafkaBroker b;
        try {
            b = f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (b.port() != port && port != 0) {
            b.close();
            return null;
        }
        return b;
    }
}
