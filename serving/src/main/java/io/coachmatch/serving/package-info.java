/** coachmatch serving. */
package io.coachmatch.serving;
