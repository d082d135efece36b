package io.coachmatch.training;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for one long step, or nothing when progress is switched off
 * ({@code -Dcoachmatch.progress=false}, as the tests do).
 */
public final class Progress implements AutoCloseable {

    private static final boolean ENABLED = !"false".equals(System.getProperty("coachmatch.progress"));

    private final ProgressBar bar;

    private Progress(String task, long max, String unit) {
        this.bar = ENABLED
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250).setUnit(" " + unit, 1).showSpeed().build()
                : null;
    }

    public static Progress start(String task, long max, String unit) {
        return new Progress(task, max, unit);
    }

    public void step(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    public void maxHint(long max) {
        if (bar != null) {
            bar.maxHint(max);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
