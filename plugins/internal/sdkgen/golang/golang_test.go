package golang_test

import (
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen/golang"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
	"google.golang.org/protobuf/types/descriptorpb"
)

const (
	tString  = descriptorpb.FieldDescriptorProto_TYPE_STRING
	tInt32   = descriptorpb.FieldDescriptorProto_TYPE_INT32
	tMessage = descriptorpb.FieldDescriptorProto_TYPE_MESSAGE
)

// TestNameClashes checks that generation fails, naming the file and the
// RPC, when a generated Go name would be defined twice.
func TestNameClashes(t *testing.T) {
	t.Parallel()
	messages := []*descriptorpb.DescriptorProto{
		tp.Message("Item"),
		tp.Message("ListRequest", tp.Field("page_size", 1, tInt32, ""), tp.Field("page_token", 2, tString, "")),
		tp.Message("ListResponse", tp.Repeated("items", 1, tMessage, ".shop.v1.Item"), tp.Field("next_page_token", 2, tString, "")),
	}
	tests := []struct {
		name    string
		methods []*descriptorpb.MethodDescriptorProto
		want    string
	}{
		{"a method named like an iterator", []*descriptorpb.MethodDescriptorProto{
			tp.Method("shop.v1", "ListItems", "ListRequest", "ListResponse", false, false),
			tp.Method("shop.v1", "ListItemsPages", "Item", "Item", false, false),
		}, "shop/v1/shop.proto: shop.v1.ShopService.ListItemsPages: Go method ListItemsPages of ShopClient would clash with shop.v1.ShopService.ListItems"},
		{"a method named Close", []*descriptorpb.MethodDescriptorProto{
			tp.Method("shop.v1", "Close", "Item", "Item", false, false),
		}, "shop.v1.ShopService.Close: Go method Close of ShopClient would clash with the client's own Close method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tp.Plugin(t, "", tp.File("shop/v1/shop.proto", "shop.v1", messages, tp.Service("ShopService", tt.methods...)))
			s, err := model.Build(p, model.Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = golang.Generate(p, s, golang.Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
