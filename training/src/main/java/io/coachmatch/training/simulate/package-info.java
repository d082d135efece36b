/** Simulated feedback on answers ranked by the rules, for generated data sets. */
package io.coachmatch.training.simulate;
