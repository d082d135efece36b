/**
 * Ranking metrics of the rules, a model and their blend on a slice of graded pairs, and the evaluation of stored
 * models.
 */
package io.coachmatch.training.eval;
