package io.coachmatch.serving.catalog;

import io.coachmatch.core.matching.CatalogIndex;

/**
 * Announced (as an application event) for every catalog index built, on the thread that built it and before the
 * index serves, so that the models that will score it prepare their per-catalog work now rather than on the first
 * request. Listeners must not throw: a failed preparation only means the work is done on first use.
 */
public record CatalogIndexBuilt(CatalogIndex index) {}
