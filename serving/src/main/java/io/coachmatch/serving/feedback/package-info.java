/**
 * The feedback loop in serving: feedback events from Kafka or REST, deduplicated by event_id, attributed to an
 * experiment's variant and counted in per-variant counters shared by every instance.
 */
package io.coachmatch.serving.feedback;
