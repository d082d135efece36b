/**
 * A/B tests in serving: experiments shared by every instance, routing each request to its variant's model,
 * the impression log, and the results endpoints.
 */
package io.coachmatch.serving.experiments;
