/** Counters and latency of answers, local and shared between instances. */
package io.coachmatch.serving.stats;
