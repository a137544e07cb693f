package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
	"google.golang.org/protobuf/types/descriptorpb"
)

const tString = descriptorpb.FieldDescriptorProto_TYPE_STRING

// shop is package shop.v1 with a service whose methods have every retry
// safety: Get has no side effects, Create a request id, Update neither.
func shop(pkg, service string) *descriptorpb.FileDescriptorProto {
	m := func(name, in string) *descriptorpb.MethodDescriptorProto {
		return tp.Method(pkg, name, in, "Item", false, false)
	}
	return tp.File(strings.ReplaceAll(pkg, ".", "/")+"/shop.proto", pkg,
		[]*descriptorpb.DescriptorProto{
			tp.Message("Item"),
			tp.Message("GetRequest", tp.Field("id", 1, tString, "")),
			tp.Message("CreateRequest", tp.Field("request_id", 1, tString, "")),
		},
		tp.Service(service,
			tp.Idempotent(m("Get", "GetRequest"), descriptorpb.MethodOptions_NO_SIDE_EFFECTS),
			m("Create", "CreateRequest"),
			m("Update", "GetRequest"),
		),
	)
}

func build(t *testing.T, config string, files ...*descriptorpb.FileDescriptorProto) (*model.Schema, error) {
	t.Helper()
	root := t.TempDir()
	if config != "" {
		dir := filepath.Join(root, "shop", "v1")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, model.ServiceConfigFile), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return model.Build(tp.Plugin(t, "", files...), model.Options{ServiceConfigRoot: root})
}

const retry = `"retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}`

func TestServiceConfig(t *testing.T) {
	t.Parallel()
	s, err := build(t, `{"methodConfig": [
		{"name": [{"service": "shop.v1.ShopService", "method": "Get"}, {"service": "shop.v1.ShopService", "method": "Create"}], "timeout": "2s", `+retry+`},
		{"name": [{"service": "shop.v1.ShopService"}], "timeout": "9s"}]}`, shop("shop.v1", "ShopService"))
	if err != nil {
		t.Fatal(err)
	}
	svc := s.Services[0]
	if svc.Base != "Shop" || svc.Accessor != "Shop" || svc.ServiceConfigPath != "shop/v1/service_config.json" {
		t.Errorf("service = %s, %s, %s", svc.Base, svc.Accessor, svc.ServiceConfigPath)
	}
	got := map[string]string{}
	for _, m := range svc.Methods {
		got[m.Name] = m.PolicyText()
	}
	want := map[string]string{
		"Get":    "Deadline: 2s unless the call sets an earlier one. Retried on UNAVAILABLE, up to 3 attempts in all (backoff 0.1s to 1s, ×2).",
		"Create": "Deadline: 2s unless the call sets an earlier one. Retried on UNAVAILABLE, up to 3 attempts in all (backoff 0.1s to 1s, ×2).",
		"Update": "Deadline: 9s unless the call sets an earlier one. Not retried.",
	}
	for name, text := range want {
		if got[name] != text {
			t.Errorf("%s: PolicyText = %q, want %q", name, got[name], text)
		}
	}
	if svc.Methods[1].RequestID == nil || svc.Methods[0].RequestID != nil {
		t.Error("only Create has a request id")
	}
}

func TestServiceConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, config, want string }{
		{"retries an unsafe method", `{"methodConfig": [{"name": [{"service": "shop.v1.ShopService", "method": "Update"}], ` + retry + `}]}`,
			"shop/v1/service_config.json: retries shop.v1.ShopService.Update, which is not safe to retry"},
		{"retries a whole service with an unsafe method", `{"methodConfig": [{"name": [{"service": "shop.v1.ShopService"}], ` + retry + `}]}`,
			"retries shop.v1.ShopService.Update"},
		{"unknown service", `{"methodConfig": [{"name": [{"service": "shop.v1.ShoppService"}], "timeout": "1s"}]}`,
			`names service "shop.v1.ShoppService", which package shop.v1 does not define`},
		{"unknown method", `{"methodConfig": [{"name": [{"service": "shop.v1.ShopService", "method": "Gett"}], "timeout": "1s"}]}`,
			`names method "Gett", which shop.v1.ShopService does not define`},
		{"invalid", `{"methodConfig": [{"name": [{"service": "shop.v1.ShopService"}], "timeout": "soon"}]}`,
			`shop/v1/service_config.json: methodConfig[0]: timeout: "soon" is not a duration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := build(t, tt.config, shop("shop.v1", "ShopService"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestAccessors(t *testing.T) {
	t.Parallel()
	s, err := build(t, "",
		shop("shop.v1", "ShopService"),
		shop("shop.v2", "ShopService"),
		shop("cart.v1", "CartService"),
		shop("cart.v1alpha1", "Shop"), // no Service suffix: its base is its name
	)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, svc := range s.Services {
		got[svc.FullName] = svc.Accessor
	}
	want := map[string]string{
		"shop.v1.ShopService": "ShopV1Shop",
		"shop.v2.ShopService": "ShopV2Shop",
		"cart.v1.CartService": "Cart",
		"cart.v1alpha1.Shop":  "CartV1alpha1Shop",
	}
	for name, acc := range want {
		if got[name] != acc {
			t.Errorf("%s: Accessor = %q, want %q", name, got[name], acc)
		}
	}
	for _, p := range s.Packages {
		if p.Name == "cart.v1alpha1" && (!p.Unstable || p.Component != "cart" || p.Version != "v1alpha1") {
			t.Errorf("cart.v1alpha1: %+v", p)
		}
	}
}
