/** Counters and latency of answers, local and shared between instances, {@code /api/stats}. */
package io.coachmatch.serving.stats;
