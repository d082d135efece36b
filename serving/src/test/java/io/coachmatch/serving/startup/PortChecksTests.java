package io.coachmatch.serving.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.coachmatch.serving.ServingApplication;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A taken port stops start-up with one line naming the setting that moves it, and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class PortChecksTests {

    @Test
    void aTakenHttpPortNamesServerPort(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            Throwable failure = start("--server.port=" + port, "--coachmatch.kafka.bootstrap-servers=127.0.0.1:1");
            assertThat(failure).isInstanceOf(PortInUseAtStart.class);
            assertReported(
                    output,
                    "port " + port + " is in use, so the HTTP server cannot start",
                    "set SERVER_PORT to a free port");
        }
    }

    @Test
    void aTakenBrokerPortNamesEmbeddedKafkaPort(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Throwable failure = start("--server.port=0", "--coachmatch.kafka.embedded-port=" + port);
            assertThat(failure).isInstanceOf(PortInUseAtStart.class);
            assertReported(
                    output,
                    "port " + port + " is in use, so the embedded Kafka broker cannot start",
                    "set EMBEDDED_KAFKA_PORT to a free port, or KAFKA_BOOTSTRAP_SERVERS to use that Kafka");
        }
    }

    private static Throwable start(String... args) {
        return catchThrowable(() ->
                new SpringApplicationBuilder(ServingApplication.class).run(args).close());
    }

    private static void assertReported(CapturedOutput output, String description, String action) {
        String out = output.getAll();
        assertThat(out).contains("APPLICATION FAILED TO START");
        assertThat(out.lines()).contains(description, action);
        assertThat(out).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
        assertThat(out.lines().count()).isLessThan(25);
    }
}
