/** Checks of requests and profiles against the contract, with errors that name the field. */
package io.coachmatch.core.validation;
