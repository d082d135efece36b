/**
 * The verbs of {@code coachmatch-train}, which read their options, call the data, fitting and evaluation code and
 * print what it did through picocli's writers.
 */
package io.coachmatch.training.cli;
