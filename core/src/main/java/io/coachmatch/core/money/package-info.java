/** Prices in several currencies and the rates that make them comparable. */
package io.coachmatch.core.money;
