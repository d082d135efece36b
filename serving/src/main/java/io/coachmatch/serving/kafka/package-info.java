/** Kafka wiring for exactly-once answers, and the in-process KRaft broker of the no-configuration run. */
package io.coachmatch.serving.kafka;
