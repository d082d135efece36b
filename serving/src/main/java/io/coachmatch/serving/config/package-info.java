/** Typed, validated settings, one record per concern, bound from the seed's environment variable names. */
package io.coachmatch.serving.config;
