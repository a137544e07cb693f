package contract

import (
	"context"
	"fmt"
	"strings"

	"buf.build/go/bufplugin/check"
	"github.com/kanto-api/kanto/plugins/internal/shape"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Field numbers of google.api.HttpRule, for pointing at a binding's parts.
const (
	httpRuleBody               = 7
	httpRuleAdditionalBindings = 11
	httpRuleResponseBody       = 12
)

// httpRulePattern is the HttpRule field that holds each verb's path.
var httpRulePattern = map[string]int32{"GET": 2, "PUT": 3, "POST": 4, "DELETE": 5, "PATCH": 6}

// bindingPath is the option path, below a method, of its binding i: the
// google.api.http option itself, or one of its additional_bindings.
func bindingPath(i int, more ...int32) []int32 {
	p := []int32{methodOptions, extHTTP}
	if i > 0 {
		p = append(p, httpRuleAdditionalBindings, int32(i-1))
	}
	return append(p, more...)
}

func patternField(verb string) int32 {
	if n, ok := httpRulePattern[verb]; ok {
		return n
	}
	return 8 // custom
}

// samePath reports whether two path templates are the same template:
// "{id}" and "{id=*}" are.
func samePath(a, b string) bool {
	return strings.ReplaceAll(a, "=*}", "}") == strings.ReplaceAll(b, "=*}", "}")
}

// httpBindings finds the REST mapping changes of every RPC present in
// both schemas. Old and new bindings are paired first by verb and path
// (a binding that moved between the primary rule and additional_bindings
// is kept), then the remaining old ones with the remaining new ones in
// the same place (primary with primary, else in order), which are the
// ones whose verb or path changed; an old binding left without a partner
// was removed.
func httpBindings(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	cur, prev := methods(own(req.FileDescriptors())), methods(own(req.AgainstFileDescriptors()))
	pairs(cur, prev, func(m, pm protoreflect.MethodDescriptor) {
		olds, news := shape.HTTPRules(pm), shape.HTTPRules(m)
		if len(olds) == 0 {
			return
		}
		if len(news) == 0 {
			out = append(out, finding{
				rule:    HTTPBindingNoDelete,
				message: fmt.Sprintf("%s no longer has an HTTP binding; it had %s.", methodName(m), quoteBindings(olds)),
				at:      at(m), against: at(pm, methodOptions, extHTTP),
			})
			return
		}
		partner := make([]int, len(olds))
		taken := make([]bool, len(news))
		for i, o := range olds {
			partner[i] = -1
			for j, n := range news {
				if !taken[j] && o.Method == n.Method && samePath(o.Path, n.Path) {
					partner[i], taken[j] = j, true
					break
				}
			}
		}
		for i := range olds {
			if partner[i] >= 0 {
				continue
			}
			// The primary binding pairs with the primary binding; an
			// additional one with the first additional one left.
			for j := range news {
				if !taken[j] && (i == 0) == (j == 0) {
					partner[i], taken[j] = j, true
					break
				}
			}
		}
		for i, o := range olds {
			j := partner[i]
			if j < 0 {
				out = append(out, finding{
					rule:    HTTPBindingNoDelete,
					message: fmt.Sprintf("%s no longer has the HTTP binding %q.", methodName(m), o.Method+" "+o.Path),
					at:      at(m, methodOptions, extHTTP), against: at(pm, bindingPath(i)...),
				})
				continue
			}
			n := news[j]
			old := fmt.Sprintf("%q", o.Method+" "+o.Path)
			if o.Method != n.Method {
				out = append(out, finding{
					rule:    HTTPBindingSameVerb,
					message: fmt.Sprintf("%s changed the HTTP verb of binding %s from %s to %s.", methodName(m), old, o.Method, n.Method),
					at:      at(m, bindingPath(j, patternField(n.Method))...), against: at(pm, bindingPath(i, patternField(o.Method))...),
				})
			}
			if !samePath(o.Path, n.Path) {
				out = append(out, finding{
					rule:    HTTPBindingSamePath,
					message: fmt.Sprintf("%s changed the path template of HTTP binding %s from %q to %q.", methodName(m), old, o.Path, n.Path),
					at:      at(m, bindingPath(j, patternField(n.Method))...), against: at(pm, bindingPath(i, patternField(o.Method))...),
				})
			}
			if o.Body != n.Body {
				out = append(out, finding{
					rule:    HTTPBindingSameBody,
					message: fmt.Sprintf("%s changed the body of HTTP binding %s from %s to %s.", methodName(m), old, orNone(o.Body), orNone(n.Body)),
					at:      at(m, bindingPath(j, httpRuleBody)...), against: at(pm, bindingPath(i, httpRuleBody)...),
				})
			}
			if o.ResponseBody != n.ResponseBody {
				out = append(out, finding{
					rule:    HTTPBindingSameResponseBody,
					message: fmt.Sprintf("%s changed the response_body of HTTP binding %s from %s to %s.", methodName(m), old, orNone(o.ResponseBody), orNone(n.ResponseBody)),
					at:      at(m, bindingPath(j, httpRuleResponseBody)...), against: at(pm, bindingPath(i, httpRuleResponseBody)...),
				})
			}
		}
	})
	return out, nil
}

func quoteBindings(rules []shape.HTTPRule) string {
	q := make([]string, len(rules))
	for i, r := range rules {
		q[i] = fmt.Sprintf("%q", r.Method+" "+r.Path)
	}
	return strings.Join(q, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

// routeUnique finds HTTP bindings that the REST edge cannot tell apart:
// the same verb and path template, whatever the variables are called.
// The binding declared later (in file, service and method order) is
// reported, naming the first.
func routeUnique(_ context.Context, req check.Request) ([]finding, error) {
	type first struct {
		m protoreflect.MethodDescriptor
		r shape.HTTPRule
	}
	seen := map[string]first{}
	var out []finding
	for _, m := range allMethods(own(req.FileDescriptors())) {
		for i, r := range shape.HTTPRules(m) {
			key := shape.RouteKey(r)
			if f, dup := seen[key]; dup {
				what := methodName(f.m)
				if f.m == m {
					what = "its own other binding"
				}
				out = append(out, finding{
					rule:    HTTPRouteUnique,
					message: fmt.Sprintf("%s maps %q to the same HTTP route as %s (%q).", methodName(m), r.Method+" "+r.Path, what, f.r.Method+" "+f.r.Path),
					at:      at(m, bindingPath(i)...),
				})
				continue
			}
			seen[key] = first{m, r}
		}
	}
	return out, nil
}

// pathVariables finds HTTP bindings whose path variables, body or
// response_body name no field: grpc-gateway would refuse to generate the
// handler, or the REST route would never fill the field.
func pathVariables(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	for _, m := range allMethods(own(req.FileDescriptors())) {
		for i, r := range shape.HTTPRules(m) {
			binding := fmt.Sprintf("%q", r.Method+" "+r.Path)
			for _, v := range shape.PathVariables(r.Path) {
				f, problem := shape.ResolveFieldPath(m.Input(), v)
				if problem == "" && (f.IsList() || f.IsMap()) {
					problem = fmt.Sprintf("%s is repeated", f.FullName())
				}
				if problem != "" {
					out = append(out, finding{
						rule:    HTTPPathVariables,
						message: fmt.Sprintf("%s: path variable %q of HTTP binding %s does not name a singular field of %q: %s.", methodName(m), v, binding, m.Input().FullName(), problem),
						at:      at(m, bindingPath(i, patternField(r.Method))...),
					})
				}
			}
			if r.Body != "" && r.Body != "*" && m.Input().Fields().ByName(protoreflect.Name(r.Body)) == nil {
				out = append(out, finding{
					rule:    HTTPPathVariables,
					message: fmt.Sprintf("%s: body %q of HTTP binding %s is not a top-level field of %q.", methodName(m), r.Body, binding, m.Input().FullName()),
					at:      at(m, bindingPath(i, httpRuleBody)...),
				})
			}
			if r.ResponseBody != "" && m.Output().Fields().ByName(protoreflect.Name(r.ResponseBody)) == nil {
				out = append(out, finding{
					rule:    HTTPPathVariables,
					message: fmt.Sprintf("%s: response_body %q of HTTP binding %s is not a top-level field of %q.", methodName(m), r.ResponseBody, binding, m.Output().FullName()),
					at:      at(m, bindingPath(i, httpRuleResponseBody)...),
				})
			}
		}
	}
	return out, nil
}

// httpStreaming finds client- and bidi-streaming RPCs with an HTTP
// binding: grpc-gateway, Kanto's REST edge, serves unary RPCs and server
// streams (as newline-delimited JSON), but cannot stream a request body.
func httpStreaming(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	for _, m := range allMethods(own(req.FileDescriptors())) {
		k := shape.KindOf(m)
		if (k == shape.ClientStream || k == shape.BidiStream) && len(shape.HTTPRules(m)) > 0 {
			out = append(out, finding{
				rule:    HTTPStreaming,
				message: fmt.Sprintf("%s is %s and has an HTTP binding (%s), but the REST edge serves only unary and server-streaming RPCs; remove the binding.", methodName(m), k, quoteBindings(shape.HTTPRules(m))),
				at:      at(m, methodOptions, extHTTP),
			})
		}
	}
	return out, nil
}
