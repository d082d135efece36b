/** Answering requests: the Kafka listener and the service both paths share. */
package io.coachmatch.serving.matching;
