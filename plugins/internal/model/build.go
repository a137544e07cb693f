package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kanto-api/kanto/plugins/internal/shape"
	"github.com/kanto-api/kanto/plugins/internal/svcconfig"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// ServiceConfigFile is the name of the service config file that sits next
// to a package's proto files.
const ServiceConfigFile = "service_config.json"

// Options configure Build.
type Options struct {
	// ServiceConfigRoot is the directory the proto files' paths are
	// relative to (the buf module root, "proto"); the service config of a
	// package is ServiceConfigRoot/<package dir>/service_config.json, and
	// the schema's revision is a digest of the directory. Empty means no
	// service configs and no revision.
	ServiceConfigRoot string
}

// Build describes the services of every file protoc asked to generate.
// Anything the SDKs cannot support fails with an error naming the file and
// the element.
func Build(plugin *protogen.Plugin, opts Options) (*Schema, error) {
	s := &Schema{}
	packages := map[string]*Package{}
	var errs []error
	for _, f := range plugin.Files {
		if !f.Generate || len(f.Services) == 0 {
			continue
		}
		file := &File{Proto: f}
		s.Files = append(s.Files, file)
		pkgName := string(f.Desc.Package())
		pkg := packages[pkgName]
		if pkg == nil {
			pkg = newPackage(pkgName)
			packages[pkgName] = pkg
			s.Packages = append(s.Packages, pkg)
		}
		for _, gs := range f.Services {
			svc, err := buildService(gs, file, pkg)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			file.Services = append(file.Services, svc)
			pkg.Services = append(pkg.Services, svc)
			s.Services = append(s.Services, svc)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(s.Packages, func(i, j int) bool { return s.Packages[i].Name < s.Packages[j].Name })
	sort.Slice(s.Services, func(i, j int) bool { return s.Services[i].FullName < s.Services[j].FullName })
	for _, p := range s.Packages {
		sort.Slice(p.Services, func(i, j int) bool { return p.Services[i].Name < p.Services[j].Name })
	}
	if err := assignAccessors(s.Services); err != nil {
		return nil, err
	}
	if err := applyServiceConfigs(s, opts.ServiceConfigRoot); err != nil {
		return nil, err
	}
	if opts.ServiceConfigRoot != "" {
		rev, err := Revision(opts.ServiceConfigRoot)
		if err != nil {
			return nil, err
		}
		s.Revision = rev
	}
	return s, nil
}

// versionRE matches a package version suffix as buf's
// PACKAGE_VERSION_SUFFIX lint rule defines it.
var versionRE = regexp.MustCompile(`^v\d+(alpha\d*|beta\d*|test\w*|p\d+alpha\d*|p\d+beta\d*)?$`)

func newPackage(name string) *Package {
	parts := strings.Split(name, ".")
	p := &Package{Name: name}
	if last := parts[len(parts)-1]; len(parts) > 1 && versionRE.MatchString(last) {
		p.Version = last
		p.Unstable = strings.Contains(last, "alpha") || strings.Contains(last, "beta") || strings.Contains(last, "test")
		parts = parts[:len(parts)-1]
	}
	p.Component = parts[len(parts)-1]
	return p
}

func buildService(gs *protogen.Service, file *File, pkg *Package) (*Service, error) {
	desc := gs.Desc
	svc := &Service{
		Proto:       gs,
		File:        file,
		Package:     pkg,
		FullName:    string(desc.FullName()),
		Name:        string(desc.Name()),
		Doc:         docOf(gs.Comments.Leading),
		Deprecated:  shape.Deprecated(desc),
		DefaultHost: shape.DefaultHost(desc),
	}
	svc.Base = strings.TrimSuffix(svc.Name, "Service")
	if svc.Base == "" {
		svc.Base = svc.Name
	}
	var errs []error
	for _, gm := range gs.Methods {
		m, err := buildMethod(gm, svc)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		svc.Methods = append(svc.Methods, m)
	}
	return svc, errors.Join(errs...)
}

func buildMethod(gm *protogen.Method, svc *Service) (*Method, error) {
	desc := gm.Desc
	m := &Method{
		Proto:       gm,
		Service:     svc,
		Name:        string(desc.Name()),
		FullName:    string(desc.FullName()),
		Path:        "/" + svc.FullName + "/" + string(desc.Name()),
		Kind:        shape.KindOf(desc),
		Input:       gm.Input,
		Output:      gm.Output,
		Doc:         docOf(gm.Comments.Leading),
		Deprecated:  shape.Deprecated(desc),
		Idempotency: shape.Idempotency(desc),
		HTTP:        shape.HTTPRules(desc),
	}
	if p, _ := shape.DetectPagination(desc); p != nil {
		m.Pagination = &Pagination{
			PageSize:      fieldOf(gm.Input, p.PageSize),
			PageToken:     fieldOf(gm.Input, p.PageToken),
			NextPageToken: fieldOf(gm.Output, p.NextPageToken),
			Items:         fieldOf(gm.Output, p.Items),
		}
		m.Pagination.ItemMessage = m.Pagination.Items.Message
		m.Pagination.ItemEnum = m.Pagination.Items.Enum
	}
	if r, _ := shape.DetectRequestID(desc); r != nil {
		m.RequestID = fieldOf(gm.Input, r.Field)
	}
	for _, f := range gm.Input.Fields {
		fd := FieldDoc{
			Name:       string(f.Desc.Name()),
			JSONName:   f.Desc.JSONName(),
			Type:       typeName(f.Desc),
			Behaviors:  shape.FieldBehaviors(f.Desc),
			Rules:      shape.FieldRules(f.Desc),
			Deprecated: shape.Deprecated(f.Desc),
		}
		if o := f.Desc.ContainingOneof(); o != nil && !o.IsSynthetic() {
			fd.Oneof = string(o.Name())
		}
		m.RequestFields = append(m.RequestFields, fd)
	}
	m.RequestRules = shape.MessageRules(gm.Input.Desc)
	return m, nil
}

func fieldOf(m *protogen.Message, fd protoreflect.FieldDescriptor) *protogen.Field {
	for _, f := range m.Fields {
		if f.Desc.FullName() == fd.FullName() {
			return f
		}
	}
	panic(fmt.Sprintf("field %s not in %s", fd.FullName(), m.Desc.FullName()))
}

// typeName formats a field's type as the schema writes it.
func typeName(f protoreflect.FieldDescriptor) string {
	single := func(f protoreflect.FieldDescriptor) string {
		switch f.Kind() {
		case protoreflect.MessageKind, protoreflect.GroupKind:
			return string(f.Message().FullName())
		case protoreflect.EnumKind:
			return string(f.Enum().FullName())
		}
		return f.Kind().String()
	}
	switch {
	case f.IsMap():
		return "map<" + single(f.MapKey()) + ", " + single(f.MapValue()) + ">"
	case f.Cardinality() == protoreflect.Repeated:
		return "repeated " + single(f)
	case f.HasOptionalKeyword():
		return "optional " + single(f)
	}
	return single(f)
}

// docOf turns a proto comment into lines: one leading space of each line
// removed (the one after "//"), trailing space and blank lines at either
// end dropped.
func docOf(c protogen.Comments) Doc {
	text := strings.TrimRight(string(c), "\n")
	if strings.TrimSpace(text) == "" {
		return Doc{}
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		lines[i] = strings.TrimPrefix(l, " ")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return Doc{Lines: lines}
}

// assignAccessors gives each service a schema-wide unique Accessor: its
// Base, or, where Bases collide, the Base qualified by the component and
// version, then by the whole package.
func assignAccessors(services []*Service) error {
	qualify := []func(*Service) string{
		func(s *Service) string { return s.Base },
		func(s *Service) string { return pascal(s.Package.Component) + pascal(s.Package.Version) + s.Base },
		func(s *Service) string { return pascal(strings.ReplaceAll(s.Package.Name, ".", "_")) + s.Base },
	}
	level := make([]int, len(services))
	for {
		seen := map[string][]int{}
		for i, s := range services {
			s.Accessor = qualify[level[i]](s)
			seen[strings.ToLower(s.Accessor)] = append(seen[strings.ToLower(s.Accessor)], i)
		}
		changed := false
		for _, idx := range seen {
			if len(idx) < 2 {
				continue
			}
			for _, i := range idx {
				if level[i] == len(qualify)-1 {
					var names []string
					for _, j := range idx {
						names = append(names, services[j].FullName)
					}
					return fmt.Errorf("%s: services %s cannot be given distinct client names", services[i].File.Proto.Desc.Path(), strings.Join(names, ", "))
				}
				level[i]++
				changed = true
			}
		}
		if !changed {
			return nil
		}
	}
}

// pascal turns "pokedex", "v1alpha1" or "kanto_pokedex_v1" into
// "Pokedex", "V1alpha1", "KantoPokedexV1".
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' || r == '.' || r == '-' {
			up = true
			continue
		}
		if up {
			b.WriteRune(unicode.ToUpper(r))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// applyServiceConfigs reads each package's service config, checks that it
// names only services and methods of the package, and that it retries only
// methods that are safe to retry, then sets every service's ServiceConfig
// and every method's Policy.
func applyServiceConfigs(s *Schema, root string) error {
	var errs []error
	for _, pkg := range s.Packages {
		for _, svc := range pkg.Services {
			svc.ServiceConfig = "{}"
		}
		if root == "" {
			continue
		}
		// Every file of a package lives in one directory (buf's
		// PACKAGE_DIRECTORY_MATCH); the config sits next to them.
		dir := path.Dir(pkg.Services[0].File.Proto.Desc.Path())
		file := filepath.Join(root, filepath.FromSlash(dir), ServiceConfigFile)
		data, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rel := path.Join(dir, ServiceConfigFile)
		cfg, err := svcconfig.Parse(rel, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		errs = append(errs, checkNames(cfg, pkg)...)
		for _, svc := range pkg.Services {
			svc.ServiceConfigPath = rel
			if svc.ServiceConfig, err = cfg.For(svc.FullName); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", rel, err))
			}
			for _, m := range svc.Methods {
				p := cfg.Policy(svc.FullName, m.Name)
				m.Policy = Policy{Timeout: p.Timeout}
				if p.Retry == nil {
					continue
				}
				if !shape.RetrySafe(m.Proto.Desc) {
					errs = append(errs, fmt.Errorf("%s: retries %s, which is not safe to retry: mark it idempotency_level = IDEMPOTENT or NO_SIDE_EFFECTS, give its request an AIP-155 request_id, or name it in a methodConfig entry without a retryPolicy", rel, m.FullName))
					continue
				}
				m.Policy.Retry = &RetryPolicy{
					MaxAttempts:       p.Retry.MaxAttempts,
					InitialBackoff:    p.Retry.InitialBackoff,
					MaxBackoff:        p.Retry.MaxBackoff,
					BackoffMultiplier: p.Retry.BackoffMultiplier,
					Codes:             slices.Clone(p.Retry.RetryableStatusCodes),
				}
			}
		}
	}
	return errors.Join(errs...)
}

// checkNames reports methodConfig names that match nothing in the package:
// a typo there would silently drop a timeout or a retry policy.
func checkNames(cfg *svcconfig.Config, pkg *Package) []error {
	var errs []error
	for _, name := range cfg.Services() {
		i := slices.IndexFunc(pkg.Services, func(s *Service) bool { return s.FullName == name })
		if i < 0 {
			errs = append(errs, fmt.Errorf("%s: names service %q, which package %s does not define", cfg.Path, name, pkg.Name))
			continue
		}
		svc := pkg.Services[i]
		for _, mc := range cfg.MethodConfigs {
			for _, n := range mc.Names {
				if n.Service != name || n.Method == "" {
					continue
				}
				if !slices.ContainsFunc(svc.Methods, func(m *Method) bool { return m.Name == n.Method }) {
					errs = append(errs, fmt.Errorf("%s: names method %q, which %s does not define", cfg.Path, n.Method, name))
				}
			}
		}
	}
	return errs
}
