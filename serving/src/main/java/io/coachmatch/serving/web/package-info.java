/** REST: match, health, coaches, stats, models. */
package io.coachmatch.serving.web;
