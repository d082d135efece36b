/**
 * Seeded, deterministic synthetic coaches and requests in the contract's types, for benchmarks,
 * tests and demo data. The same seed gives the same catalog on every run, so a benchmark figure or
 * a failing test can be reproduced from its seed alone. (The generator uses {@link java.lang.Math},
 * whose functions may differ in the last bit between JDK builds and CPUs; on one JDK the output is
 * exact.)
 */
package io.coachmatch.core.synthetic;
