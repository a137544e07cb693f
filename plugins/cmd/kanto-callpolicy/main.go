// Command kanto-callpolicy is the call-policy step of `make breaking`:
// it compares the timeouts and retry policies that each package's
// service_config.json gives every method of a stable package with those
// of a base schema, and fails if a timeout got shorter or a retry policy
// went away (internal/callpolicy). scripts/breaking.sh runs it after
// `buf breaking`, with the same accept policy.
//
//	kanto-callpolicy -image HEAD.binpb -root proto \
//	    -against-image BASE.binpb -against-root BASE/proto [-error-format text|github-actions]
//
// The images are `buf build` outputs of each schema; each root is the
// directory its proto paths are relative to, where the service configs
// are. Findings are printed like buf's, as file:line:column:message, or
// as GitHub Actions annotations; the exit code is 100 when there are
// findings (as buf's), 2 on a usage or input error.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kanto-api/kanto/plugins/internal/callpolicy"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

func main() {
	image := flag.String("image", "", "buf image of the current schema (required)")
	root := flag.String("root", "proto", "directory of the current schema's proto files and service configs")
	againstImage := flag.String("against-image", "", "buf image of the base schema (required)")
	againstRoot := flag.String("against-root", "", "directory of the base schema's proto files and service configs (required)")
	format := flag.String("error-format", "text", "text or github-actions")
	flag.Parse()
	if *image == "" || *againstImage == "" || *againstRoot == "" || flag.NArg() > 0 || (*format != "text" && *format != "github-actions") {
		flag.Usage()
		os.Exit(2)
	}
	current, err := schema(*image, *root)
	if err == nil {
		var against callpolicy.Schema
		if against, err = schema(*againstImage, *againstRoot); err == nil {
			var found []callpolicy.Finding
			if found, err = callpolicy.Compare(current, against); err == nil {
				for _, f := range found {
					if *format == "github-actions" {
						fmt.Printf("::error file=%s,line=%d,col=1::%s\n", f.Path, f.Line, f.Message)
					} else {
						fmt.Printf("%s:%d:1:%s (%s)\n", f.Path, f.Line, f.Message, f.Rule)
					}
				}
				if len(found) > 0 {
					os.Exit(100)
				}
				return
			}
		}
	}
	fmt.Fprintln(os.Stderr, "kanto-callpolicy:", err)
	os.Exit(2)
}

// schema reads a buf image (a FileDescriptorSet on the wire) with the
// root its paths are relative to.
func schema(image, root string) (callpolicy.Schema, error) {
	data, err := os.ReadFile(image)
	if err != nil {
		return callpolicy.Schema{}, err
	}
	set := &descriptorpb.FileDescriptorSet{}
	if err := proto.Unmarshal(data, set); err != nil {
		return callpolicy.Schema{}, fmt.Errorf("%s: %w", image, err)
	}
	files, err := protodesc.NewFiles(set)
	if err != nil {
		return callpolicy.Schema{}, fmt.Errorf("%s: %w", image, err)
	}
	s := callpolicy.Schema{Root: root}
	files.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		s.Files = append(s.Files, f)
		return true
	})
	return s, nil
}
