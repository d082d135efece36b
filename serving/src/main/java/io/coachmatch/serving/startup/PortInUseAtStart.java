package io.coachmatch.serving.startup;

/**
 * A port the service needs is taken. The message is the one line start-up prints ({@link StartupFailureAnalyzer}):
 * what cannot start, and the setting that moves it.
 */
public final class PortInUseAtStart extends RuntimeException {

    private final int port;
    private final String what;
    private final String action;

    /**
     * @param port   the port
     * @param what   what cannot start on it ("the HTTP server")
     * @param action what to do, naming the setting ("set SERVER_PORT to a free port")
     */
    public PortInUseAtStart(int port, String what, String action) {
        super("port " + port + " is in use, so " + what + " cannot start: " + action, null, false, false);
        this.port = port;
        this.what = what;
        this.action = action;
    }

    /** What happened, without the advice: "port 5000 is in use, so the HTTP server cannot start". */
    public String description() {
        return "port " + port + " is in use, so " + what + " cannot start";
    }

    public String action() {
        return action;
    }
}
