/** Availability slots and time zones: how much of a request's window a coach can cover. */
package io.coachmatch.core.time;
