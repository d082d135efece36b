/** The served model version: loading, verification, hot reload, {@code /api/models}. */
package io.coachmatch.serving.models;
