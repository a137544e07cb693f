package kanto

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// ErrPageTokenLoop is yielded by [Pages] when a server answers a page with
// the token it was given, which would otherwise make the loop endless.
var ErrPageTokenLoop = errors.New("kanto: the server returned the page token it was given")

// A pageRequest is the request of an AIP-158 list method.
type pageRequest interface {
	proto.Message
	GetPageToken() string
}

// A pageResponse is the response of an AIP-158 list method.
type pageResponse interface {
	proto.Message
	GetNextPageToken() string
}

// Pages iterates over the pages of an AIP-158 list method: it calls call
// with req (an empty request if req is nil; req itself is never modified),
// then again with each next_page_token set by setToken, until a page has
// none. The generated <Method>Pages methods are Pages over their RPC.
//
// Each page is one call, with its own deadline and retries; ctx bounds
// the whole iteration. On an error Pages yields it once, with a zero
// page, and stops; leaving the loop early makes no further calls.
func Pages[Req pageRequest, Resp pageResponse](ctx context.Context, req Req, call func(context.Context, Req, ...grpc.CallOption) (Resp, error), setToken func(Req, string), opts ...grpc.CallOption) iter.Seq2[Resp, error] {
	return func(yield func(Resp, error) bool) {
		var zero Resp
		var page Req
		if isNil(req) {
			page = req.ProtoReflect().Type().New().Interface().(Req)
		} else {
			page = proto.Clone(req).(Req)
		}
		for {
			resp, err := call(ctx, page, opts...)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(resp, nil) {
				return
			}
			next := resp.GetNextPageToken()
			if next == "" {
				return
			}
			if next == page.GetPageToken() {
				yield(zero, fmt.Errorf("%w (%q)", ErrPageTokenLoop, next))
				return
			}
			setToken(page, next)
		}
	}
}

// Items iterates over the items of every page of pages: items returns a
// page's repeated field. An error of pages is yielded once, with a zero
// item, and ends the iteration.
func Items[Resp, Item any](pages iter.Seq2[Resp, error], items func(Resp) []Item) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// isNil reports whether m is a nil pointer (a typed nil in an interface).
func isNil(m proto.Message) bool {
	if m == nil {
		return true
	}
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
