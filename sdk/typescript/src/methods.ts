import type {
  DescMessage,
  DescMethod,
  DescMethodBiDiStreaming,
  DescMethodClientStreaming,
  DescMethodServerStreaming,
  DescMethodUnary,
  Message,
  MessageInitShape,
  MessageShape,
} from "@bufbuild/protobuf";
import type { CallOptions } from "@connectrpc/connect";

/** The four call shapes, spelled as the conformance vectors spell them. */
export type MethodKind = "unary" | "server_stream" | "client_stream" | "bidi_stream";

interface MethodInfoBase {
  /** The service's full name, "kanto.pokedex.v1.PokemonService". */
  readonly service: string;
  /** The RPC's name, "GetPokemon". */
  readonly name: string;
  readonly kind: MethodKind;
  /** The RPC's descriptor: its input and output message types and more. */
  readonly method: DescMethod;
}

/** A unary RPC as data; call takes a request message of method.input's type. */
export interface UnaryMethodInfo extends MethodInfoBase {
  readonly kind: "unary";
  call(request: Message, options?: CallOptions): Promise<Message>;
}

/** A server-streaming RPC as data. */
export interface ServerStreamMethodInfo extends MethodInfoBase {
  readonly kind: "server_stream";
  call(request: Message, options?: CallOptions): AsyncIterable<Message>;
}

/** A client-streaming RPC as data. */
export interface ClientStreamMethodInfo extends MethodInfoBase {
  readonly kind: "client_stream";
  call(requests: AsyncIterable<Message>, options?: CallOptions): Promise<Message>;
}

/** A bidirectional-streaming RPC as data. */
export interface BidiStreamMethodInfo extends MethodInfoBase {
  readonly kind: "bidi_stream";
  call(requests: AsyncIterable<Message>, options?: CallOptions): AsyncIterable<Message>;
}

/**
 * A MethodInfo is one RPC as data, bound to a generated client: a program
 * that chooses the method at run time (the conformance runners, a CLI)
 * finds it by service and name in the client's methods() and calls it
 * through the client's own method, with everything the SDK adds. Its
 * `call` checks that each request is a message of the method's input type.
 */
export type MethodInfo = UnaryMethodInfo | ServerStreamMethodInfo | ClientStreamMethodInfo | BidiStreamMethodInfo;

function base(method: DescMethod) {
  return { service: method.parent.typeName, name: method.name, method };
}

// checked returns request as the method's input type, or throws if it is a
// message of another type.
function checked<I extends DescMessage>(method: DescMethod, request: Message): MessageInitShape<I> {
  if (request.$typeName !== method.input.typeName) {
    throw new TypeError(
      `/${method.parent.typeName}/${method.name} takes a ${method.input.typeName}, not a ${request.$typeName}`,
    );
  }
  return request as MessageInitShape<I>;
}

// checkedEach checks every request of a stream as it is read, passing the
// iterator's other methods (the end of the call returns it) through.
function checkedEach<I extends DescMessage>(method: DescMethod, requests: AsyncIterable<Message>): AsyncIterable<MessageInitShape<I>> {
  return {
    [Symbol.asyncIterator]() {
      const it = requests[Symbol.asyncIterator]();
      return {
        async next() {
          const result = await it.next();
          return result.done === true ? result : { done: false, value: checked<I>(method, result.value) };
        },
        async return(value?: unknown) {
          await it.return?.(value);
          return { done: true, value: undefined };
        },
        // Connect aborts a request stream with throw.
        async throw(e?: unknown) {
          await (it.throw?.(e) ?? it.return?.());
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * unaryMethod describes a unary RPC called through call.
 *
 * Called by the generated clients; not meant for applications.
 */
export function unaryMethod<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  call: (request: MessageInitShape<I>, options?: CallOptions) => Promise<MessageShape<O>>,
): UnaryMethodInfo {
  return { ...base(method), kind: "unary", call: (request, options) => call(checked<I>(method, request), options) };
}

/**
 * serverStreamMethod describes a server-streaming RPC called through call.
 *
 * Called by the generated clients; not meant for applications.
 */
export function serverStreamMethod<I extends DescMessage, O extends DescMessage>(
  method: DescMethodServerStreaming<I, O>,
  call: (request: MessageInitShape<I>, options?: CallOptions) => AsyncIterable<MessageShape<O>>,
): ServerStreamMethodInfo {
  return { ...base(method), kind: "server_stream", call: (request, options) => call(checked<I>(method, request), options) };
}

/**
 * clientStreamMethod describes a client-streaming RPC called through call.
 *
 * Called by the generated clients; not meant for applications.
 */
export function clientStreamMethod<I extends DescMessage, O extends DescMessage>(
  method: DescMethodClientStreaming<I, O>,
  call: (requests: AsyncIterable<MessageInitShape<I>>, options?: CallOptions) => Promise<MessageShape<O>>,
): ClientStreamMethodInfo {
  return { ...base(method), kind: "client_stream", call: (requests, options) => call(checkedEach<I>(method, requests), options) };
}

/**
 * bidiStreamMethod describes a bidirectional-streaming RPC called through
 * call.
 *
 * Called by the generated clients; not meant for applications.
 */
export function bidiStreamMethod<I extends DescMessage, O extends DescMessage>(
  method: DescMethodBiDiStreaming<I, O>,
  call: (requests: AsyncIterable<MessageInitShape<I>>, options?: CallOptions) => AsyncIterable<MessageShape<O>>,
): BidiStreamMethodInfo {
  return { ...base(method), kind: "bidi_stream", call: (requests, options) => call(checkedEach<I>(method, requests), options) };
}
