/** Operator endpoints under /admin, behind the ADMIN_TOKEN bearer token. */
package io.coachmatch.serving.admin;
