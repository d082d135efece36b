/**
 * The {@code coachmatch-train} command line ({@link io.coachmatch.training.TrainCli}) and the packages that generate
 * data, train, evaluate and rank.
 */
package io.coachmatch.training;
