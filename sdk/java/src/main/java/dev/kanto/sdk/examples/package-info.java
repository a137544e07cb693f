/**
 * Runnable examples of the Kanto SDK: {@link dev.kanto.sdk.examples.GetPokemon} (the talk's client)
 * and {@link dev.kanto.sdk.examples.WatchRoutes} (server streaming).
 */
package dev.kanto.sdk.examples;
