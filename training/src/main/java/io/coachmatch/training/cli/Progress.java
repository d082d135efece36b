package io.coachmatch.training.cli;

import io.coachmatch.training.data.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for one long step, or nothing when progress is switched off
 * ({@code -Dcoachmatch.progress=false}, as the tests do). {@code Progress::start} is the
 * {@link ProgressListener} the verbs hand to the reading and fitting code.
 */
final class Progress implements ProgressListener.Step {

    private static final boolean ENABLED = !"false".equals(System.getProperty("coachmatch.progress"));

    private final ProgressBar bar;

    private Progress(String task, long max, String unit) {
        this.bar = ENABLED
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(max)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .setUnit(" " + unit, 1)
                        .showSpeed()
                        .build()
                : null;
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
