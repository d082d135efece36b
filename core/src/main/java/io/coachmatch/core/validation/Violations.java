package io.coachmatch.core.validation;

import io.coachmatch.core.contract.ErrorDetail;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a document as (field path, problem), so that one answer names them
 * all. The list is capped: a document with thousands of bad entries gets the first
 * {@value #MAX_REPORTED} and a note of how many more there were.
 */
final class Violations {

    static final int MAX_REPORTED = 50;

    private final List<ErrorDetail> details = new ArrayList<>();
    private int dropped;

    void add(String field, String problem) {
        if (details.size() < MAX_REPORTED) {
            details.add(new ErrorDetail(field, problem));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return details.isEmpty();
    }

    List<ErrorDetail> list() {
        List<ErrorDetail> out = new ArrayList<>(details);
        if (dropped > 0) {
            out.add(new ErrorDetail("$", dropped + " more problems not listed"));
        }
        return List.copyOf(out);
    }
}
