// An in-process gRPC server (Connect's Node adapter over HTTP/2) with fake
// service implementations, to test the SDK's transport and interceptors
// without the Go services.
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { sdkDir } from "./support.js";

export interface FakeServer {
  /** "http://127.0.0.1:port", or https:// for a TLS server. */
  readonly url: string;
  close(): Promise<void>;
}

/** The self-signed certificate of test/testdata, for TLS tests. */
export const testCert = {
  cert: readFileSync(join(sdkDir, "test", "testdata", "localhost.crt")),
  key: readFileSync(join(sdkDir, "test", "testdata", "localhost.key")),
};

/** startFakeServer serves routes over gRPC on a free 127.0.0.1 port. */
export async function startFakeServer(routes: (router: ConnectRouter) => void, tls = false): Promise<FakeServer> {
  const handler = connectNodeAdapter({ routes, grpc: true, grpcWeb: false, connect: false });
  const server = tls ? http2.createSecureServer(testCert, handler) : http2.createServer(handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) {
          session.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
