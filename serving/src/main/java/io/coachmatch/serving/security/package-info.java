/**
 * Who may call what over HTTP: one Spring Security filter chain that guards {@code /admin/**} and the
 * actuator with the admin token and {@code POST /api/feedback} with the feedback (or admin) token, behind
 * Spring Security's strict firewall.
 */
package io.coachmatch.serving.security;
