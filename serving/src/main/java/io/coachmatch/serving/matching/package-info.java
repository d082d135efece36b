/** Answering requests: the Kafka listener, {@code POST /api/match}, and the service both paths share. */
package io.coachmatch.serving.matching;
