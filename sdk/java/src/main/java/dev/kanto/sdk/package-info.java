/**
 * The Kanto SDK: typed clients for the Kanto services, over the grpc-java code generated from the
 * schema (packages {@code dev.kanto.pokedex.v1}, {@code dev.kanto.routeplanner.v1}, {@code
 * dev.kanto.expedition.v1}, {@code dev.kanto.geo.v1}).
 *
 * <p>Start with {@link dev.kanto.sdk.KantoClient}: it builds one channel per service, configured
 * with the service's gRPC service config (timeouts and retries, see {@link
 * dev.kanto.sdk.ServiceConfigs}), and hands out {@link dev.kanto.sdk.PokedexClient}, {@link
 * dev.kanto.sdk.RoutePlannerClient} and {@link dev.kanto.sdk.ExpeditionClient}. Every failure is a
 * {@link dev.kanto.sdk.KantoException} with the gRPC status code and the field violations of an
 * invalid request.
 */
package dev.kanto.sdk;
