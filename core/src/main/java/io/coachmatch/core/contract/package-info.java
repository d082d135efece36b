/**
 * The wire and file contract agreed with the backend (examples in {@code docs/examples/}) as immutable records,
 * read and written in snake_case by {@link io.coachmatch.core.json.Json}. Absent optional fields are null on the record
 * and omitted on the wire, so every contract document reads and writes back equal.
 */
package io.coachmatch.core.contract;
