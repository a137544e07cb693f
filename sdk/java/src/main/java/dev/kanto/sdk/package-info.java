/**
 * The Kanto SDK for Java: typed clients of every service of the schema, generated from it by
 * protoc-gen-kanto into the packages of the services' messages ({@code <ServiceStem>Client}), and
 * the umbrella client {@code dev.kanto.sdk.KantoClient}, which builds one channel per service and
 * hands out its client.
 *
 * <p>The rest of this package is the hand-written runtime those generated classes call, and which
 * names no service: channels with the security defaults and each service's gRPC service config
 * ({@link dev.kanto.sdk.KantoChannels}), the call shapes ({@link dev.kanto.sdk.ServiceClient},
 * {@link dev.kanto.sdk.ServerStream}, {@link dev.kanto.sdk.ClientStream}, {@link
 * dev.kanto.sdk.BidiStream}), pagination ({@link dev.kanto.sdk.Paged}), the method table ({@link
 * dev.kanto.sdk.KantoMethod}) and the one error type, {@link dev.kanto.sdk.KantoException}, with
 * the gRPC status code and the field violations of an invalid request.
 */
package dev.kanto.sdk;
