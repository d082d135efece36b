/** What every HTTP endpoint shares: RFC 9457 problem details, the request body limit, the ready log line. */
package io.coachmatch.serving.web;
