// Package typescript writes the typescript SDK's client layer.
package typescript

import (
	"github.com/kanto-api/kanto/plugins/internal/model"
	"google.golang.org/protobuf/compiler/protogen"
)

// Generate writes the typescript files. (Not written yet: it writes nothing.)
func Generate(plugin *protogen.Plugin, s *model.Schema, params map[string]string) error {
	_, _ = plugin, s
	_ = params
	return nil
}
