/** Reading and writing the contract's JSON: strict parsing of requests and profiles, JSON Lines files. */
package io.coachmatch.core.json;
