package io.coachmatch.core.contract;

/** Where a bad request was read from, so that operators can find it. */
public record ErrorSource(String topic, Integer partition, Long offset) {}
