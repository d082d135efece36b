package io.coachmatch.core.experiments;

import io.coachmatch.core.contract.ErrorDetail;
import java.util.List;

/**
 * An experiment definition or experiments file that breaks the rules; {@link #details()} names every bad field
 * (such as {@code variants[1].share}) so an admin call can answer 400 with all of them at once.
 */
public class InvalidExperimentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ErrorDetail> details;

    public InvalidExperimentException(String context, List<ErrorDetail> details) {
        super(message(context, details));
        this.details = List.copyOf(details);
    }

    public List<ErrorDetail> details() {
        return details;
    }

    private static String message(String context, List<ErrorDetail> details) {
        StringBuilder sb = new StringBuilder(context);
        for (ErrorDetail d : details) {
            sb.append(sb.length() == context.length() ? ": " : "; ")
                    .append(d.field())
                    .append(' ')
                    .append(d.problem());
        }
        return sb.toString();
    }
}
