/** coachmatch training. */
package io.coachmatch.training;
