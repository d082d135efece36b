/** The live coach catalog: loading, the coach-profiles feed, overlay updates and compaction. */
package io.coachmatch.serving.catalog;
