/** Start-up checks that fail fast with one readable line instead of a stack trace. */
package io.coachmatch.serving.startup;
