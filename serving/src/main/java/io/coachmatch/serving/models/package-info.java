/** The served model version: loading, verification, hot reload. */
package io.coachmatch.serving.models;
