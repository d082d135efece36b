package io.coachmatch.serving.crash;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The crash test's child processes (the broker and the service instances): started with their output in
 * files, waited for until ready, killed with SIGKILL. Every process started is killed by {@link #killAll()}, which
 * a shutdown hook also runs, so nothing outlives the test.
 */
final class Children {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path logDir;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Children(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "crash-children-stop"));
    }

    /** Starts the broker in a child JVM on the harness's own class path and waits for its ready line. */
    Process startBroker(
            int port, int controllerPort, Path dataDir, String abortIntervalMs, String logName, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.addAll(List.of(
                CrashBroker.class.getName(),
                Integer.toString(port),
                Integer.toString(controllerPort),
                dataDir.toString()));
        if (abortIntervalMs != null) {
            cmd.add(abortIntervalMs);
        }
        Path log = logDir.resolve(logName);
        Process p = start(new ProcessBuilder(cmd), log);
        awaitLine(p, log, CrashBroker.READY, timeout, "broker on port " + port);
        return p;
    }

    /** Starts a service instance from the packaged jar; returns once it is healthy and owns partitions. */
    Process startInstance(
            Path jar, Path workDir, Map<String, String> env, int httpPort, String logName, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(JAVA, "-Xmx768m", "-jar", jar.toString()).directory(workDir.toFile());
        pb.environment().remove("REDIS_HOST"); // unset: the in-process cache
        pb.environment().putAll(env);
        Path log = logDir.resolve(logName);
        Process p = start(pb, log);
        String what = "instance " + env.get("INSTANCE_ID") + " (log " + log + ")";
        awaitHealthy(p, httpPort, timeout, what);
        awaitLine(p, log, "partitions assigned: [matching-requests", timeout, what);
        return p;
    }

    /** SIGKILL, and waits until the process is gone. */
    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    void killAll() {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (Process p : started) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Process start(ProcessBuilder pb, Path log) throws IOException {
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void awaitHealthy(Process p, int httpPort, Duration timeout, String what) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive(p, what);
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " was not healthy within " + timeout.toSeconds() + " s");
    }

    /** Follows the log (only what is new on each look, as it may grow large) until a line contains {@code text}. */
    private static void awaitLine(Process p, Path log, String text, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long position = 0;
        String carry = "";
        while (System.nanoTime() < deadline) {
            requireAlive(p, what);
            if (Files.exists(log)) {
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    long length = f.length();
                    while (position < length) {
                        byte[] chunk = new byte[(int) Math.min(1 << 20, length - position)];
                        f.seek(position);
                        f.readFully(chunk);
                        position += chunk.length;
                        String seen = carry + new String(chunk, StandardCharsets.ISO_8859_1);
                        if (seen.contains(text)) {
                            return;
                        }
                        carry = seen.substring(Math.max(0, seen.length() - text.length()));
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not log '" + text + "' within " + timeout.toSeconds() + " s");
    }

    private static void requireAlive(Process p, String what) {
        if (!p.isAlive()) {
            throw new IllegalStateException(what + " exited with status " + p.exitValue() + " while starting");
        }
    }
}
