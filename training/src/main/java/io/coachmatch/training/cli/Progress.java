package io.coachmatch.training.cli;

import io.coachmatch.training.data.ProgressListener;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one long step on standard error: a bar redrawn in place on a terminal; when the output goes to a log
 * (no console), a plain line every {@value #LOG_INTERVAL_MILLIS} ms instead of carriage returns; nothing when
 * progress is switched off ({@code -Dcoachmatch.progress=false}, as the tests do). {@code Progress::start} is the
 * {@link ProgressListener} the verbs hand to the reading and fitting code.
 */
final class Progress implements ProgressListener.Step {

    private static final boolean ENABLED = !"false".equals(System.getProperty("coachmatch.progress"));

    /** How often a log (not a terminal) gets a progress line. */
    static final int LOG_INTERVAL_MILLIS = 5000;

    private static final boolean TERMINAL = System.console() != null;

    private final ProgressBar bar;

    private Progress(String task, long max, String unit) {
        if (!ENABLED) {
            this.bar = null;
            return;
        }
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" " + unit, 1)
                .showSpeed();
        if (TERMINAL) {
            b.setUpdateIntervalMillis(250);
        } else {
            b.setUpdateIntervalMillis(LOG_INTERVAL_MILLIS)
                    .setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100));
        }
        this.bar = b.build();
    }

    static Progress start(String task, long max, String unit) {
        return new Progress(task, max, unit);
    }

    void step(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
