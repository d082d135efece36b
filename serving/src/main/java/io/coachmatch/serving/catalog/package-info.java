/** The live coach catalog: loading, the coach-profiles feed, overlay updates and compaction, {@code /api/coaches}. */
package io.coachmatch.serving.catalog;
