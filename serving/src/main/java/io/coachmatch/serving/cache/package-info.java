/** Answers by request_id, the catalog copy and shared statistics: Redis through Lettuce, or in-process. */
package io.coachmatch.serving.cache;
