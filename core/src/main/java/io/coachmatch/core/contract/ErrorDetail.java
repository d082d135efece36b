package io.coachmatch.core.contract;

/** One problem found in a request: the field's path, such as {@code skills_required[0].level}, and what is wrong. */
public record ErrorDetail(String field, String problem) {}
