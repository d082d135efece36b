/**
 * Seeded, deterministic synthetic coaches and requests in the contract's types, for benchmarks,
 * tests and demo data. The same seed always gives the same catalog, on every machine and JVM, so a
 * benchmark figure or a failing test can be reproduced from its seed alone.
 */
package io.coachmatch.core.synthetic;
