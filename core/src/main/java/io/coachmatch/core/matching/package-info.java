/** The rules and the index: hard filters, the five weighted scores, ranking, and the catalog index that makes them fast. */
package io.coachmatch.core.matching;
