/** {@code GET /health}: whether this instance is ready to answer, and what each of its parts reports. */
package io.coachmatch.serving.health;
