package io.coachmatch.training.data;

/**
 * Told how far a long step (reading a file, computing features, fitting) has got, so that reading and fitting code
 * reports progress without knowing how, or whether, it is shown. The command line shows it as a progress bar.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that shows nothing. */
    ProgressListener NONE = (task, total, unit) -> done -> {};

    /**
     * A step starts.
     *
     * @param task  what the step does, such as {@code "read feedback"}
     * @param total how many units the step is expected to take (an estimate for some steps)
     * @param unit  what is counted, such as {@code "events"}
     * @return the step, to be told how far it got and closed when it ends
     */
    Step start(String task, long total, String unit);

    /** One long step under way. */
    @FunctionalInterface
    interface Step extends AutoCloseable {

        /** The step has done {@code done} units so far. */
        void stepTo(long done);

        /** The step has ended. */
        @Override
        default void close() {}
    }
}
