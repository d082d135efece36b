/**
 * Reading a data directory and joining its feedback into graded pairs with their features, reporting what was skipped
 * and how far reading has got.
 */
package io.coachmatch.training.data;
