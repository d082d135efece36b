/**
 * Fitting rankers with the library trainers they wrap (Tribuo, Smile), calibrating and blending them, and assembling
 * their provenance.
 */
package io.coachmatch.training.fit;
