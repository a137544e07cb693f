package platform

import (
	"log/slog"
	"strings"

	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
	"google.golang.org/grpc/metadata"
)

// maxUserAgentLog bounds the user agent written to each log line: the
// header is the caller's to choose.
const maxUserAgentLog = 256

// clientAttrs describes the caller from its user agent, for the log line of
// each call. Every Kanto SDK sends "kanto-sdk-<lang>/<version>
// kanto-schema/<revision>" before its gRPC library's own token; from those
// it logs sdk, sdk_version and schema_revision, and schema_skew=true when
// the caller was generated from another schema than this service (an old
// SDK, or a service not yet redeployed). Calls through the REST gateway
// carry the HTTP client's user agent as grpcgateway-user-agent, which is
// preferred over the gateway's own.
func clientAttrs(md metadata.MD) []slog.Attr {
	ua := firstValue(md, "grpcgateway-user-agent")
	if ua == "" {
		ua = firstValue(md, "user-agent")
	}
	if ua == "" {
		return nil
	}
	logged := ua
	if len(logged) > maxUserAgentLog {
		logged = logged[:maxUserAgentLog]
	}
	attrs := []slog.Attr{slog.String("user_agent", logged)}
	for _, token := range strings.Fields(ua) {
		product, version, ok := strings.Cut(token, "/")
		if !ok || version == "" {
			continue
		}
		switch {
		case strings.HasPrefix(product, "kanto-sdk-"):
			attrs = append(attrs, slog.String("sdk", product), slog.String("sdk_version", version))
		case product == "kanto-schema":
			attrs = append(attrs, slog.String("schema_revision", version))
			if version != kantoregistry.SchemaRevision {
				attrs = append(attrs, slog.Bool("schema_skew", true))
			}
		}
	}
	return attrs
}

func firstValue(md metadata.MD, key string) string {
	if v := md.Get(key); len(v) > 0 {
		return v[0]
	}
	return ""
}
