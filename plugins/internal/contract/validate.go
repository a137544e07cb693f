package contract

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/bufplugin/check"
	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"
)

// A tightening is one protovalidate change that can reject a message
// accepted before.
type tightening struct {
	rule string
	// id is the protovalidate rule's path, as protovalidate names it in
	// violations: "string.max_len", "repeated.items.int32.gte",
	// "required", or a CEL rule's id.
	id string
	// path is the field numbers of id below the buf.validate option, for
	// pointing at it.
	path     []int32
	old, new string
	// verb says what happened, "tightened" unless set.
	verb string
	// note is a sentence added to the message: why the change counts as
	// breaking when the check cannot decide.
	note string
	// text, when set, is the whole message after the subject.
	text string
}

const undecidableCEL = "Whether the new expression accepts everything the old one did cannot be decided, so it counts as breaking; accept it explicitly (docs/versioning.md) if it does."

func (t tightening) describe(subject string) string {
	verb := t.verb
	if verb == "" {
		verb = "tightened"
	}
	s := fmt.Sprintf("%s %s %s from %s to %s.", subject, verb, t.id, t.old, t.new)
	if t.text != "" {
		s = subject + " " + t.text
	}
	if t.note != "" {
		s += " " + t.note
	}
	return s
}

// validation compares the protovalidate rules of every message, oneof and
// field present in both schemas, and checks the fields added to an
// existing message for `required`.
func validation(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	cur, prev := messages(own(req.FileDescriptors())), messages(own(req.AgainstFileDescriptors()))
	pairs(cur, prev, func(m, pm protoreflect.MessageDescriptor) {
		for _, t := range compareMessageRules(messageRules(pm), messageRules(m)) {
			out = append(out, finding{
				rule: t.rule, message: t.describe(`Message "` + messageName(m) + `"`),
				at: at(m, append([]int32{messageOptions, extValidate}, t.path...)...), against: at(pm),
			})
		}
		for i := range m.Oneofs().Len() {
			o := m.Oneofs().Get(i)
			if o.IsSynthetic() || !oneofRequired(o) {
				continue
			}
			po := pm.Oneofs().ByName(o.Name())
			if po != nil && oneofRequired(po) {
				continue
			}
			t := tightening{rule: MessageValidationNoTighten, id: "(buf.validate.oneof).required", old: "false", new: "true"}
			if po == nil {
				t.verb, t.old = "added a oneof with", "none"
			}
			out = append(out, finding{
				rule: t.rule, message: t.describe(`Oneof "` + string(o.Name()) + `" on message "` + messageName(m) + `"`),
				at: at(o, oneofOptions, extValidate, 1), against: at(pm),
			})
		}
		for i := range m.Fields().Len() {
			f := m.Fields().Get(i)
			pf := pm.Fields().ByNumber(f.Number())
			if pf == nil {
				// A new field: messages from before never set it.
				if fd, ok := rejectsUnset(m, f); ok {
					fd.against = at(pm)
					out = append(out, fd)
				}
				continue
			}
			for _, t := range compareFieldRules(fieldRules(pf), fieldRules(f), "", nil) {
				out = append(out, finding{
					rule: t.rule, message: t.describe(fieldName(f)),
					at: at(f, append([]int32{fieldOptions, extValidate}, t.path...)...), against: at(pf),
				})
			}
		}
	})
	return out, nil
}

// validator evaluates the rules of new fields; it is safe for concurrent
// use and caches what it compiles.
var validator = sync.OnceValues(func() (protovalidate.Validator, error) { return protovalidate.New() })

// rejectsUnset reports whether the rules of f, a field added to m, reject
// a message that leaves it unset, as every message from before the field
// existed does: `required`, or for a field without presence (a proto3
// scalar, a repeated field or a map) a rule its zero value fails, such as
// string.min_len = 1. It runs protovalidate itself on an empty m, with
// only f's rules, so it decides exactly what servers will.
func rejectsUnset(m protoreflect.MessageDescriptor, f protoreflect.FieldDescriptor) (finding, bool) {
	rules := fieldRules(f)
	if rules.GetRequired() {
		return finding{
			rule:    FieldValidationNoAddReq,
			message: fmt.Sprintf("%s was added with (buf.validate.field).required = true, so messages valid before, which never set it, are now invalid.", fieldName(f)),
			at:      at(f, fieldOptions, extValidate, fieldRulesRequired),
		}, true
	}
	if proto.Equal(rules, &validate.FieldRules{}) {
		return finding{}, false
	}
	v, err := validator()
	if err != nil {
		return finding{}, false
	}
	only := protovalidate.FilterFunc(func(_ protoreflect.Message, d protoreflect.Descriptor) bool {
		return d.FullName() == f.FullName()
	})
	var verr *protovalidate.ValidationError
	if !errors.As(v.Validate(dynamicpb.NewMessage(m), protovalidate.WithFilter(only)), &verr) {
		return finding{}, false // valid, or rules protovalidate cannot run: nothing to prove
	}
	var ids []string
	for _, viol := range verr.Violations {
		if id := viol.Proto.GetRuleId(); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return finding{}, false
	}
	return finding{
		rule:    FieldValidationNoTighten,
		message: fmt.Sprintf("%s was added with rules that its unset value fails (%s), so messages valid before, which never set it, are now invalid.", fieldName(f), strings.Join(ids, ", ")),
		at:      at(f, fieldOptions, extValidate),
	}, true
}

func fieldRules(f protoreflect.FieldDescriptor) *validate.FieldRules {
	if opts := f.Options(); opts != nil && proto.HasExtension(opts, validate.E_Field) {
		return proto.GetExtension(opts, validate.E_Field).(*validate.FieldRules)
	}
	return &validate.FieldRules{}
}

func messageRules(m protoreflect.MessageDescriptor) *validate.MessageRules {
	if opts := m.Options(); opts != nil && proto.HasExtension(opts, validate.E_Message) {
		return proto.GetExtension(opts, validate.E_Message).(*validate.MessageRules)
	}
	return &validate.MessageRules{}
}

func oneofRequired(o protoreflect.OneofDescriptor) bool {
	if opts := o.Options(); opts != nil && proto.HasExtension(opts, validate.E_Oneof) {
		return proto.GetExtension(opts, validate.E_Oneof).(*validate.OneofRules).GetRequired()
	}
	return false
}

// Field numbers in buf.validate.FieldRules and MessageRules.
const (
	fieldRulesCEL       = 23
	fieldRulesCELExpr   = 29
	fieldRulesRequired  = 25
	fieldRulesIgnore    = 27
	messageRulesCEL     = 3
	messageRulesCELExpr = 5
	messageRulesOneof   = 4
)

// ignoreStrictness orders the ignore values from the one that validates
// least (IGNORE_ALWAYS) to the one that validates most (the default).
func ignoreStrictness(i validate.Ignore) int {
	switch i {
	case validate.Ignore_IGNORE_ALWAYS:
		return 0
	case validate.Ignore_IGNORE_IF_ZERO_VALUE:
		return 1
	}
	return 2
}

// compareFieldRules returns the changes from old to new that reject
// values old accepted. prefix and path name the rules' place when they
// are nested (repeated.items, map.keys, map.values).
func compareFieldRules(old, new *validate.FieldRules, prefix string, path []int32) []tightening {
	if new.GetIgnore() == validate.Ignore_IGNORE_ALWAYS {
		return nil // nothing is validated any more
	}
	var out []tightening
	sub := func(n ...int32) []int32 { return append(slices.Clone(path), n...) }
	if ignoreStrictness(new.GetIgnore()) > ignoreStrictness(old.GetIgnore()) {
		out = append(out, tightening{rule: FieldValidationNoTighten, id: prefix + "ignore", path: sub(fieldRulesIgnore),
			old: old.GetIgnore().String(), new: new.GetIgnore().String()})
		if old.GetIgnore() == validate.Ignore_IGNORE_ALWAYS {
			return out // every rule is new in effect; the ignore change says it
		}
	}
	if new.GetRequired() && !old.GetRequired() {
		t := tightening{rule: FieldValidationNoAddReq, id: prefix + "required", path: sub(fieldRulesRequired), old: "false", new: "true"}
		t.text = fmt.Sprintf("became required: %s changed from false to true, so messages that leave it unset are now invalid.", t.id)
		if prefix != "" {
			t.text = fmt.Sprintf("tightened %s from false to true.", t.id)
		}
		out = append(out, t)
	}
	out = append(out, compareCEL(old.GetCel(), old.GetCelExpression(), new.GetCel(), new.GetCelExpression(), prefix, sub(fieldRulesCEL), sub(fieldRulesCELExpr))...)

	om, nm := old.ProtoReflect(), new.ProtoReflect()
	typ := nm.Descriptor().Oneofs().ByName("type")
	nf := nm.WhichOneof(typ)
	if nf == nil {
		return out
	}
	var oldType protoreflect.Message
	if om.Has(nf) {
		oldType = om.Get(nf).Message()
	} else {
		oldType = nm.Get(nf).Message().Type().New()
	}
	return append(out, compareTypeRules(oldType, nm.Get(nf).Message(), prefix+string(nf.Name())+".", sub(int32(nf.Number())))...)
}

// compareTypeRules compares two rules messages of one type (StringRules,
// Int32Rules, RepeatedRules, ...) rule by rule.
func compareTypeRules(old, new protoreflect.Message, prefix string, path []int32) []tightening {
	var out []tightening
	d := new.Descriptor()
	add := func(fd protoreflect.FieldDescriptor, t tightening) {
		t.id = prefix + string(fd.Name())
		t.path = append(slices.Clone(path), int32(fd.Number()))
		if t.rule == "" {
			t.rule = FieldValidationNoTighten
		}
		if t.old == "" {
			t.old = valueOf(old, fd)
		}
		if t.new == "" {
			t.new = valueOf(new, fd)
		}
		out = append(out, t)
	}
	out = append(out, compareBounds(old, new, prefix, path)...)
	if wk := d.Oneofs().ByName("well_known"); wk != nil {
		if nf := new.WhichOneof(wk); nf != nil && isSet(new, nf) {
			of := old.WhichOneof(wk)
			if of == nil || of != nf || !old.Get(of).Equal(new.Get(nf)) {
				was := "none"
				if of != nil && isSet(old, of) {
					was = formatRule(prefix, old, of)
				}
				add(nf, tightening{text: fmt.Sprintf("tightened its format from %s to %s.", was, formatRule(prefix, new, nf))})
			}
		}
	}
	for i := range d.Fields().Len() {
		fd := d.Fields().Get(i)
		name := string(fd.Name())
		if o := fd.ContainingOneof(); o != nil && (o.Name() == "well_known" || o.Name() == "less_than" || o.Name() == "greater_than") {
			continue // compared above
		}
		has, had := new.Has(fd), old.Has(fd)
		if !has {
			continue // a rule removed only loosens
		}
		nv, ov := new.Get(fd), old.Get(fd)
		switch name {
		case "example":
			// Examples document; they do not constrain.
		case "const", "len", "len_bytes":
			if !had || !ov.Equal(nv) {
				add(fd, tightening{})
			}
		case "min_len", "min_bytes", "min_items", "min_pairs":
			if nv.Uint() > ov.Uint() {
				add(fd, tightening{})
			}
		case "max_len", "max_bytes", "max_items", "max_pairs":
			if !had || nv.Uint() < ov.Uint() {
				add(fd, tightening{})
			}
		case "within":
			if !had || durationNanos(nv.Message()).Cmp(durationNanos(ov.Message())) < 0 {
				add(fd, tightening{})
			}
		case "in":
			if fd.IsList() && (!had || !subset(listStrings(fd, ov), listStrings(fd, nv))) {
				add(fd, tightening{note: missing("no longer allows", listStrings(fd, ov), listStrings(fd, nv), had)})
			}
		case "not_in":
			if fd.IsList() && !subset(listStrings(fd, nv), listStrings(fd, ov)) {
				add(fd, tightening{note: missing("now also rejects", listStrings(fd, nv), listStrings(fd, ov), true)})
			}
		case "pattern":
			if !had || ov.String() != nv.String() {
				t := tightening{}
				if had {
					t.note = "Whether the new pattern matches everything the old one did cannot be decided, so it counts as breaking; accept it explicitly (docs/versioning.md) if it does."
				}
				add(fd, t)
			}
		case "prefix", "suffix", "contains", "not_contains":
			o, n := rawString(ov, fd), rawString(nv, fd)
			var looser bool
			switch name {
			case "prefix":
				looser = strings.HasPrefix(o, n)
			case "suffix":
				looser = strings.HasSuffix(o, n)
			case "contains":
				looser = strings.Contains(o, n)
			case "not_contains":
				looser = strings.Contains(n, o)
			}
			if !had || !looser {
				add(fd, tightening{})
			}
		case "strict":
			// strict defaults to true (and matters only with
			// well_known_regex).
			if wasStrict := !had || ov.Bool(); !wasStrict && nv.Bool() {
				add(fd, tightening{})
			}
		case "defined_only", "unique", "finite", "lt_now", "gt_now":
			if nv.Bool() && !(had && ov.Bool()) {
				add(fd, tightening{})
			}
		case "items", "keys", "values":
			var o *validate.FieldRules
			if had {
				o = ov.Message().Interface().(*validate.FieldRules)
			} else {
				o = &validate.FieldRules{}
			}
			out = append(out, compareFieldRules(o, nv.Message().Interface().(*validate.FieldRules), prefix+name+".", append(slices.Clone(path), int32(fd.Number())))...)
		default:
			// A rule this check does not know: any change may tighten.
			if !had || !ov.Equal(nv) {
				add(fd, tightening{note: "Kanto's check does not know this rule, so any change to it counts as breaking."})
			}
		}
	}
	// Predefined rules are extensions of the rules messages: their CEL
	// expressions are not visible here, so a new or changed one counts as
	// breaking.
	new.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if !fd.IsExtension() {
			return true
		}
		if !old.Has(fd) || !old.Get(fd).Equal(v) {
			t := tightening{rule: ValidationCELNoChange, id: prefix + "(" + string(fd.FullName()) + ")", path: append(slices.Clone(path), int32(fd.Number())),
				old: "none", new: formatValue(fd, v), note: "It is a predefined rule, whose CEL expression this check cannot compare, so it counts as breaking; accept it explicitly (docs/versioning.md) if it rejects nothing accepted before."}
			if old.Has(fd) {
				t.old = formatValue(fd, old.Get(fd))
			}
			out = append(out, t)
		}
		return true
	})
	return out
}

// formatRule writes a format rule as it reads in the schema:
// "string.email", or "string.well_known_regex = KNOWN_REGEX_HTTP_HEADER_NAME".
func formatRule(prefix string, m protoreflect.Message, fd protoreflect.FieldDescriptor) string {
	if fd.Kind() == protoreflect.BoolKind {
		return prefix + string(fd.Name())
	}
	return prefix + string(fd.Name()) + " = " + valueOf(m, fd)
}

func isSet(m protoreflect.Message, fd protoreflect.FieldDescriptor) bool {
	if fd.Kind() == protoreflect.BoolKind {
		return m.Get(fd).Bool()
	}
	return m.Has(fd)
}

func missing(what string, want, have []string, had bool) string {
	if !had {
		return ""
	}
	var gone []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			gone = append(gone, w)
		}
	}
	if len(gone) == 0 {
		return ""
	}
	return fmt.Sprintf("It %s %s.", what, strings.Join(gone, ", "))
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func listStrings(fd protoreflect.FieldDescriptor, v protoreflect.Value) []string {
	l := v.List()
	out := make([]string, l.Len())
	for i := range out {
		out[i] = formatScalar(fd, l.Get(i))
	}
	return out
}

func rawString(v protoreflect.Value, fd protoreflect.FieldDescriptor) string {
	if fd.Kind() == protoreflect.BytesKind {
		return string(v.Bytes())
	}
	return v.String()
}

// valueOf formats m's value of fd, or "none" when it is not set.
func valueOf(m protoreflect.Message, fd protoreflect.FieldDescriptor) string {
	if !m.Has(fd) {
		return "none"
	}
	return formatValue(fd, m.Get(fd))
}

func formatValue(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	if fd.IsList() {
		return "[" + strings.Join(listStrings(fd, v), ", ") + "]"
	}
	return formatScalar(fd, v)
}

func formatScalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return strconv.Quote(v.String())
	case protoreflect.BytesKind:
		return strconv.Quote(string(v.Bytes()))
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name())
		}
		return strconv.Itoa(int(v.Enum()))
	case protoreflect.MessageKind, protoreflect.GroupKind:
		m := v.Message()
		switch m.Descriptor().FullName() {
		case "google.protobuf.Duration":
			return durationString(durationNanos(m))
		case "google.protobuf.Timestamp":
			return durationString(durationNanos(m)) + " since the Unix epoch"
		case "google.protobuf.FieldMask":
			return formatValue(m.Descriptor().Fields().ByName("paths"), m.Get(m.Descriptor().Fields().ByName("paths")))
		}
		return "{" + prototext.MarshalOptions{}.Format(m.Interface()) + "}"
	}
	return fmt.Sprint(v.Interface())
}

// durationNanos returns the seconds and nanos of a Duration or Timestamp
// as nanoseconds.
func durationNanos(m protoreflect.Message) *big.Int {
	fields := m.Descriptor().Fields()
	n := big.NewInt(m.Get(fields.ByName("seconds")).Int())
	n.Mul(n, big.NewInt(1e9))
	return n.Add(n, big.NewInt(m.Get(fields.ByName("nanos")).Int()))
}

func durationString(n *big.Int) string {
	r := new(big.Rat).SetFrac(n, big.NewInt(1e9))
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64) + "s"
}

// A bound is one end of a numeric range; nil is no bound.
type bound struct {
	v    *big.Rat
	incl bool
}

// An interval is a range of valid values.
type interval struct{ lo, hi *bound }

// covers reports whether a contains every value of b.
func (a interval) covers(b interval) bool {
	loOK := a.lo == nil || (b.lo != nil && (a.lo.v.Cmp(b.lo.v) < 0 || (a.lo.v.Cmp(b.lo.v) == 0 && (a.lo.incl || !b.lo.incl))))
	hiOK := a.hi == nil || (b.hi != nil && (a.hi.v.Cmp(b.hi.v) > 0 || (a.hi.v.Cmp(b.hi.v) == 0 && (a.hi.incl || !b.hi.incl))))
	return loOK && hiOK
}

// numericRange reads the gt/gte and lt/lte rules of m as the intervals of
// values they accept: one, or two when the range is exclusive (lt below
// gt, which protovalidate reads as "outside"). Integer kinds, durations
// and timestamps are normalised to inclusive bounds (gt 0 is gte 1). ok
// is false if a bound is not a number this check can compare
// (lt_now, gt_now, a NaN).
func numericRange(m protoreflect.Message) (ivs []interval, ok bool) {
	d := m.Descriptor()
	lt, gt := d.Oneofs().ByName("less_than"), d.Oneofs().ByName("greater_than")
	var lo, hi *bound
	var rawLo, rawHi *big.Rat
	for _, side := range []struct {
		oneof protoreflect.OneofDescriptor
		dst   **bound
		raw   **big.Rat
		upper bool
	}{{gt, &lo, &rawLo, false}, {lt, &hi, &rawHi, true}} {
		fd := m.WhichOneof(side.oneof)
		if fd == nil {
			continue
		}
		if fd.Kind() == protoreflect.BoolKind {
			return nil, false // lt_now, gt_now
		}
		v, integer, finite := number(fd, m.Get(fd))
		if v == nil {
			if finite {
				return nil, false
			}
			continue // an infinite bound is no bound
		}
		*side.raw = v
		b := &bound{v: new(big.Rat).Set(v), incl: strings.HasSuffix(string(fd.Name()), "e")}
		if integer && !b.incl {
			if side.upper {
				b.v.Sub(b.v, big.NewRat(1, 1))
			} else {
				b.v.Add(b.v, big.NewRat(1, 1))
			}
			b.incl = true
		}
		*side.dst = b
	}
	if rawLo != nil && rawHi != nil && rawHi.Cmp(rawLo) < 0 {
		return []interval{{nil, hi}, {lo, nil}}, true
	}
	return []interval{{lo, hi}}, true
}

// number returns a rule value as a rational, whether its kind counts in
// whole steps, and, for a nil value, whether it was a finite value this
// check cannot read (false for an infinity, which bounds nothing).
func number(fd protoreflect.FieldDescriptor, v protoreflect.Value) (r *big.Rat, integer, finite bool) {
	switch fd.Kind() {
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		f := v.Float()
		if math.IsInf(f, 0) {
			return nil, false, false
		}
		if math.IsNaN(f) {
			return nil, false, true
		}
		return new(big.Rat).SetFloat64(f), false, true
	case protoreflect.Int32Kind, protoreflect.Int64Kind, protoreflect.Sint32Kind, protoreflect.Sint64Kind, protoreflect.Sfixed32Kind, protoreflect.Sfixed64Kind:
		return new(big.Rat).SetInt64(v.Int()), true, true
	case protoreflect.Uint32Kind, protoreflect.Uint64Kind, protoreflect.Fixed32Kind, protoreflect.Fixed64Kind:
		return new(big.Rat).SetInt(new(big.Int).SetUint64(v.Uint())), true, true
	case protoreflect.MessageKind:
		return new(big.Rat).SetInt(durationNanos(v.Message())), true, true
	}
	return nil, false, true
}

// compareBounds reports a numeric, duration or timestamp range that no
// longer covers every value the old one accepted.
func compareBounds(old, new protoreflect.Message, prefix string, path []int32) []tightening {
	d := new.Descriptor()
	lt, gt := d.Oneofs().ByName("less_than"), d.Oneofs().ByName("greater_than")
	if lt == nil || gt == nil {
		return nil
	}
	if new.WhichOneof(lt) == nil && new.WhichOneof(gt) == nil {
		return nil
	}
	oldIvs, okOld := numericRange(old)
	newIvs, okNew := numericRange(new)
	t := tightening{rule: FieldValidationNoTighten}
	switch {
	case !okOld || !okNew:
		if describeBounds(old, prefix) == describeBounds(new, prefix) {
			return nil
		}
		if old.WhichOneof(lt) == nil && old.WhichOneof(gt) == nil {
			break // a bound added, where there was none
		}
		t.note = "Kanto's check cannot compare these bounds, so the change counts as breaking; accept it explicitly (docs/versioning.md) if it rejects nothing accepted before."
	default:
		covered := true
		for _, o := range oldIvs {
			if !slices.ContainsFunc(newIvs, func(n interval) bool { return n.covers(o) }) {
				covered = false
			}
		}
		if covered {
			return nil
		}
	}
	// Name the one rule that changed when only one did, else the range.
	for _, side := range []protoreflect.OneofDescriptor{gt, lt} {
		other := lt
		if side == lt {
			other = gt
		}
		of, nf := old.WhichOneof(side), new.WhichOneof(side)
		if sameChoice(old, new, other) && nf != nil && (of == nil || of == nf) {
			t.id = prefix + string(nf.Name())
			t.path = append(slices.Clone(path), int32(nf.Number()))
			t.old, t.new = valueOf(old, nf), valueOf(new, nf)
			return []tightening{t}
		}
	}
	t.id = strings.TrimSuffix(prefix, ".") + " range"
	t.path = slices.Clone(path)
	t.old, t.new = describeBounds(old, prefix), describeBounds(new, prefix)
	return []tightening{t}
}

func sameChoice(a, b protoreflect.Message, o protoreflect.OneofDescriptor) bool {
	fa, fb := a.WhichOneof(o), b.WhichOneof(o)
	if fa == nil || fb == nil {
		return fa == nil && fb == nil
	}
	return fa == fb && a.Get(fa).Equal(b.Get(fb))
}

// describeBounds writes a range's rules: "[gte = 1, lte = 9999]", or
// "none".
func describeBounds(m protoreflect.Message, prefix string) string {
	d := m.Descriptor()
	var parts []string
	for _, o := range []string{"greater_than", "less_than"} {
		if fd := m.WhichOneof(d.Oneofs().ByName(protoreflect.Name(o))); fd != nil {
			parts = append(parts, prefix+string(fd.Name())+" = "+formatValue(fd, m.Get(fd)))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// A celRule is one CEL rule, keyed by its id (or its expression when it
// has none, as cel_expression entries do).
type celRule struct {
	key, expr string
	path      []int32
}

func celRules(rules []*validate.Rule, exprs []string, celPath, exprPath []int32) []celRule {
	var out []celRule
	for i, r := range rules {
		key := r.GetId()
		if key == "" {
			key = r.GetExpression()
		}
		out = append(out, celRule{key: key, expr: r.GetExpression(), path: append(slices.Clone(celPath), int32(i))})
	}
	for i, e := range exprs {
		out = append(out, celRule{key: e, expr: e, path: append(slices.Clone(exprPath), int32(i))})
	}
	return out
}

// compareCEL reports CEL rules added, or whose expression changed (a
// changed message alone changes nothing for callers).
func compareCEL(oldRules []*validate.Rule, oldExprs []string, newRules []*validate.Rule, newExprs []string, prefix string, celPath, exprPath []int32) []tightening {
	old := celRules(oldRules, oldExprs, nil, nil)
	var out []tightening
	for _, n := range celRules(newRules, newExprs, celPath, exprPath) {
		i := slices.IndexFunc(old, func(o celRule) bool { return o.key == n.key })
		what := fmt.Sprintf("the CEL rule %q", n.key)
		if n.key == n.expr {
			what = "a CEL rule" // a cel_expression, or a rule without an id
		}
		if prefix != "" {
			what += " on its " + strings.TrimSuffix(prefix, ".")
		}
		t := tightening{rule: ValidationCELNoChange, path: n.path}
		switch {
		case i < 0:
			t.text = fmt.Sprintf("added %s with the expression %q. A new CEL rule may reject messages accepted before, and whether it does cannot be decided, so it counts as breaking; accept it explicitly (docs/versioning.md) if it rejects nothing accepted before.", what, n.expr)
		case old[i].expr != n.expr:
			t.text = fmt.Sprintf("changed the expression of %s from %q to %q. %s", what, old[i].expr, n.expr, undecidableCEL)
		default:
			continue
		}
		out = append(out, t)
	}
	return out
}

// compareMessageRules compares a message's own rules: CEL rules and the
// oneof rules (at most one, or exactly one, of some fields).
func compareMessageRules(old, new *validate.MessageRules) []tightening {
	out := compareCEL(old.GetCel(), old.GetCelExpression(), new.GetCel(), new.GetCelExpression(), "", []int32{messageRulesCEL}, []int32{messageRulesCELExpr})
	for i, n := range new.GetOneof() {
		if slices.ContainsFunc(old.GetOneof(), func(o *validate.MessageOneofRule) bool { return proto.Equal(o, n) }) {
			continue
		}
		out = append(out, tightening{rule: MessageValidationNoTighten, id: "oneof", path: []int32{messageRulesOneof, int32(i)}, verb: "added the rule",
			old: oneofRulesString(old.GetOneof()), new: oneofRuleString(n)})
	}
	return out
}

func oneofRuleString(r *validate.MessageOneofRule) string {
	s := "{fields: [" + strings.Join(r.GetFields(), ", ") + "]"
	if r.GetRequired() {
		s += ", required: true"
	}
	return s + "}"
}

func oneofRulesString(rs []*validate.MessageOneofRule) string {
	if len(rs) == 0 {
		return "none"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = oneofRuleString(r)
	}
	return strings.Join(parts, ", ")
}
