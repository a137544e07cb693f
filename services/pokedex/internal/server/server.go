// Package server implements kanto.pokedex.v1.PokemonService over the store.
//
// The handlers assume the shared platform's interceptors ran first:
// requests passed their protovalidate rules, and writes the curator
// policy (package curator, the platform's authorizer). What the rules
// cannot see (the merged species of an update, page tokens) the handlers
// check themselves. Domain errors of the store become gRPC statuses with
// details here, at the edge.
package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/timestamppb"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/store"
)

// MinPageTokenKeyLen is the shortest key WithPageTokenKey accepts: the
// size of the HMAC-SHA256 output, below which the key is the weak link.
const MinPageTokenKeyLen = 32

// pokemonResourceType names species in google.rpc.ResourceInfo details.
const pokemonResourceType = "kanto.pokedex.v1.Pokemon"

// Option configures New.
type Option func(*config)

type config struct {
	logger   *slog.Logger
	tokenKey []byte
}

// WithLogger sets the logger that receives unexpected errors in full (the
// client gets a generic INTERNAL). Default: slog.Default(). New fails on
// nil.
func WithLogger(logger *slog.Logger) Option {
	return func(c *config) { c.logger = logger }
}

// WithPageTokenKey sets the HMAC key that signs ListPokemon page tokens, at
// least MinPageTokenKeyLen bytes; New fails on a shorter one. Default: a
// random key per process, so tokens do not survive a restart and are not
// accepted by other replicas: set a shared secret key to have both.
func WithPageTokenKey(key []byte) Option {
	return func(c *config) { c.tokenKey = slices.Clone(key) }
}

// pokemonServer implements PokemonService. It holds no mutable state and is
// safe for concurrent use.
type pokemonServer struct {
	pokedexv1.UnimplementedPokemonServiceServer

	store     *store.Store
	logger    *slog.Logger
	tokens    pageTokens
	validator protovalidate.Validator
}

// New returns the PokemonService handlers over st, which the caller keeps
// and closes after the gRPC server has stopped. It fails on an invalid
// option.
func New(st *store.Store, opts ...Option) (pokedexv1.PokemonServiceServer, error) {
	cfg := config{logger: slog.Default()}
	for _, opt := range opts {
		opt(&cfg)
	}
	switch {
	case st == nil:
		return nil, errors.New("server: nil store")
	case cfg.logger == nil:
		return nil, errors.New("server: nil logger")
	case cfg.tokenKey == nil:
		cfg.tokenKey = make([]byte, MinPageTokenKeyLen)
		// crypto/rand.Read never fails: it crashes the program instead.
		_, _ = rand.Read(cfg.tokenKey)
	case len(cfg.tokenKey) < MinPageTokenKeyLen:
		return nil, fmt.Errorf("server: page token key of %d bytes, need at least %d", len(cfg.tokenKey), MinPageTokenKeyLen)
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("server: validator: %w", err)
	}
	return &pokemonServer{
		store:     st,
		logger:    cfg.logger,
		tokens:    pageTokens{key: cfg.tokenKey},
		validator: validator,
	}, nil
}

// GetPokemon returns one species, or NOT_FOUND with a ResourceInfo detail.
func (s *pokemonServer) GetPokemon(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	p, err := s.store.GetPokemon(ctx, req.GetId())
	if err != nil {
		return nil, s.errorStatus(ctx, "GetPokemon", err)
	}
	return &pokedexv1.GetPokemonResponse{Pokemon: toProto(p)}, nil
}

// ListPokemon returns one page of species in ascending id order. An empty
// page size means store.DefaultPageSize. A page token that is malformed,
// forged or issued for another filter is INVALID_ARGUMENT with a field
// violation on "page_token".
func (s *pokemonServer) ListPokemon(ctx context.Context, req *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error) {
	filter := pageFilter{typ: req.GetType(), rarity: req.GetRarity()}
	var after int32
	if token := req.GetPageToken(); token != "" {
		var err error
		after, err = s.tokens.decode(token, filter)
		if err != nil {
			ruleID := "page_token.valid"
			if errors.Is(err, errTokenFilter) {
				ruleID = "page_token.filter"
			}
			return nil, platform.InvalidArgument(platform.Violation(platform.FieldPath("page_token"), ruleID, err.Error()))
		}
	}
	page, err := s.store.ListPokemon(ctx, store.ListQuery{
		Type:    filter.typ,
		Rarity:  filter.rarity,
		AfterID: after,
		Limit:   int(req.GetPageSize()),
	})
	if err != nil {
		return nil, s.errorStatus(ctx, "ListPokemon", err)
	}
	resp := &pokedexv1.ListPokemonResponse{
		Pokemon:   make([]*pokedexv1.Pokemon, len(page.Pokemon)),
		TotalSize: int32(page.TotalSize),
	}
	for i, p := range page.Pokemon {
		resp.Pokemon[i] = toProto(p)
	}
	if page.More {
		resp.NextPageToken = s.tokens.encode(filter, page.Pokemon[len(page.Pokemon)-1].ID)
	}
	return resp, nil
}

// BatchGetPokemon returns the species asked for, in the order asked, or
// NOT_FOUND naming every missing id (in the message and as one
// ResourceInfo detail each).
func (s *pokemonServer) BatchGetPokemon(ctx context.Context, req *pokedexv1.BatchGetPokemonRequest) (*pokedexv1.BatchGetPokemonResponse, error) {
	found, err := s.store.BatchGetPokemon(ctx, req.GetIds())
	if err != nil {
		return nil, s.errorStatus(ctx, "BatchGetPokemon", err)
	}
	resp := &pokedexv1.BatchGetPokemonResponse{Pokemon: make([]*pokedexv1.Pokemon, len(found))}
	for i, p := range found {
		resp.Pokemon[i] = toProto(p)
	}
	return resp, nil
}

// CreatePokemon adds a species; create_time and update_time in the request
// are ignored and set by the server. ALREADY_EXISTS if the id or the name
// (ignoring ASCII case) is taken. With a request_id, a retry with the same
// species returns the first result, and a reuse of the request_id for a
// different species is FAILED_PRECONDITION with a PreconditionFailure
// detail of type "REQUEST_ID_REUSED": the request is well-formed, it
// conflicts with what the server recorded, so only a new request_id (not a
// fixed argument) makes it succeed.
func (s *pokemonServer) CreatePokemon(ctx context.Context, req *pokedexv1.CreatePokemonRequest) (*pokedexv1.CreatePokemonResponse, error) {
	if req.GetPokemon() == nil {
		// The interceptor's rules require it; checked again so that a call
		// that skipped them gets the same answer, not a store error.
		return nil, platform.InvalidArgument(platform.Violation(platform.FieldPath("pokemon"), "required", "value is required"))
	}
	p, err := s.store.CreatePokemon(ctx, fromProto(req.GetPokemon()), req.GetRequestId())
	if err != nil {
		return nil, s.errorStatus(ctx, "CreatePokemon", err)
	}
	return &pokedexv1.CreatePokemonResponse{Pokemon: toProto(p)}, nil
}

// writablePaths are the fields UpdatePokemon may change, in proto order;
// an empty update_mask means all of them.
var writablePaths = []string{"name", "types", "rarity", "base_stats", "height_meters", "weight_kilograms"}

// UpdatePokemon changes the fields of update_mask (all writable fields if
// empty) of an existing species, then validates the merged species as a
// whole: its violations name "pokemon.<field>". pokemon and pokemon.id are
// required (INVALID_ARGUMENT otherwise); NOT_FOUND if the species does not
// exist; ALREADY_EXISTS if the new name is another species'.
func (s *pokemonServer) UpdatePokemon(ctx context.Context, req *pokedexv1.UpdatePokemonRequest) (*pokedexv1.UpdatePokemonResponse, error) {
	in := req.GetPokemon()
	switch {
	case in == nil:
		return nil, platform.InvalidArgument(platform.Violation(platform.FieldPath("pokemon"), "required", "value is required"))
	case in.GetId() == 0:
		return nil, platform.InvalidArgument(platform.Violation(platform.FieldPath("pokemon", "id"), "required", "value is required"))
	}
	paths := req.GetUpdateMask().GetPaths()
	if len(paths) == 0 {
		paths = writablePaths
	}
	for _, p := range paths {
		// The interceptor's CEL rule already limits the paths; a second
		// check is cheap and keeps applyMask total.
		if !slices.Contains(writablePaths, p) {
			return nil, platform.InvalidArgument(platform.Violation(platform.FieldPath("update_mask"), "update_mask.paths",
				fmt.Sprintf("path %q is not among %v", p, writablePaths)))
		}
	}
	updated, err := s.store.UpdatePokemon(ctx, in.GetId(), func(cur *store.Pokemon) error {
		// Merge on the proto so that an unset message field stays unset
		// and is reported as missing, not as six zero stats.
		merged := toProto(*cur)
		applyMask(merged, in, paths)
		// Validating the merged species as the pokemon of a create request
		// reuses its rules and makes violation paths read "pokemon.name".
		if err := s.validator.Validate(&pokedexv1.CreatePokemonRequest{Pokemon: merged}); err != nil {
			return err
		}
		next := fromProto(merged)
		next.CreateTime, next.UpdateTime = cur.CreateTime, cur.UpdateTime
		*cur = next
		return nil
	})
	if verr, ok := platform.ValidationError(err); ok {
		return nil, platform.ValidationStatus(verr).Err()
	}
	if err != nil {
		return nil, s.errorStatus(ctx, "UpdatePokemon", err)
	}
	return &pokedexv1.UpdatePokemonResponse{Pokemon: toProto(updated)}, nil
}

// applyMask copies the fields named by paths, all of them writablePaths,
// from src to dst.
func applyMask(dst, src *pokedexv1.Pokemon, paths []string) {
	for _, p := range paths {
		switch p {
		case "name":
			dst.Name = src.GetName()
		case "types":
			dst.Types = slices.Clone(src.GetTypes())
		case "rarity":
			dst.Rarity = src.GetRarity()
		case "base_stats":
			dst.BaseStats = proto.CloneOf(src.GetBaseStats())
		case "height_meters":
			dst.HeightMeters = src.GetHeightMeters()
		case "weight_kilograms":
			dst.WeightKilograms = src.GetWeightKilograms()
		}
	}
}

// DeletePokemon removes a species and its encounters, or answers NOT_FOUND.
func (s *pokemonServer) DeletePokemon(ctx context.Context, req *pokedexv1.DeletePokemonRequest) (*pokedexv1.DeletePokemonResponse, error) {
	if err := s.store.DeletePokemon(ctx, req.GetId()); err != nil {
		return nil, s.errorStatus(ctx, "DeletePokemon", err)
	}
	return &pokedexv1.DeletePokemonResponse{}, nil
}

// ListEncounters returns the encounters at the places asked, grouped by
// place in the order asked, then by falling rate, each with its full
// species. Unknown places add nothing.
func (s *pokemonServer) ListEncounters(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
	found, err := s.store.ListEncounters(ctx, req.GetPlaceIds())
	if err != nil {
		return nil, s.errorStatus(ctx, "ListEncounters", err)
	}
	resp := &pokedexv1.ListEncountersResponse{Encounters: make([]*pokedexv1.Encounter, len(found))}
	for i, e := range found {
		resp.Encounters[i] = &pokedexv1.Encounter{
			PlaceId:     e.PlaceID,
			Pokemon:     toProto(e.Pokemon),
			RatePercent: e.RatePercent,
			MinLevel:    e.MinLevel,
			MaxLevel:    e.MaxLevel,
		}
	}
	return resp, nil
}

// errorStatus translates a store error into a status. Domain errors keep
// their message; a context error becomes CANCELED or DEADLINE_EXCEEDED;
// anything else is logged in full and reaches the client as a generic
// INTERNAL, since its text may reveal internals.
func (s *pokemonServer) errorStatus(ctx context.Context, method string, err error) error {
	var serr *store.Error
	if errors.As(err, &serr) {
		if st := domainStatus(serr); st != nil {
			return st
		}
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return status.FromContextError(ctxErr).Err()
	}
	s.logger.ErrorContext(ctx, "pokedex: unexpected error", "method", method, "error", err)
	return status.Error(codes.Internal, "internal error")
}

// domainStatus returns the status for a domain error, or nil for a code it
// does not know, which is then handled as unexpected.
func domainStatus(serr *store.Error) error {
	switch serr.Code {
	case store.CodeNotFound:
		details := make([]protoadapt.MessageV1, len(serr.IDs))
		for i, id := range serr.IDs {
			details[i] = resourceInfo(id, "not found")
		}
		return withDetails(codes.NotFound, serr.Message, details...)
	case store.CodeAlreadyExists:
		var details []protoadapt.MessageV1
		for _, id := range serr.IDs {
			details = append(details, resourceInfo(id, "holds the "+fieldOr(serr.Field, "id or name")+" asked for"))
		}
		return withDetails(codes.AlreadyExists, serr.Message, details...)
	case store.CodeConflict:
		return withDetails(codes.FailedPrecondition, serr.Message, &errdetails.PreconditionFailure{
			Violations: []*errdetails.PreconditionFailure_Violation{{
				Type:        "REQUEST_ID_REUSED",
				Subject:     "request_id:" + serr.RequestID,
				Description: "a request_id names one intended creation; use a new one for a different species",
			}},
		})
	case store.CodeInvalidArgument:
		path := platform.FieldPath("pokemon")
		if serr.Field != "" {
			path = platform.FieldPath(append([]string{"pokemon"}, strings.Split(serr.Field, ".")...)...)
		}
		return platform.InvalidArgument(platform.Violation(path, "pokemon.store", serr.Message))
	default:
		return nil
	}
}

func fieldOr(field, fallback string) string {
	if field == "" {
		return fallback
	}
	return field
}

func resourceInfo(id int32, description string) *errdetails.ResourceInfo {
	return &errdetails.ResourceInfo{
		ResourceType: pokemonResourceType,
		ResourceName: "pokemon/" + strconv.Itoa(int(id)),
		Description:  description,
	}
}

func withDetails(code codes.Code, msg string, details ...protoadapt.MessageV1) error {
	st := status.New(code, msg)
	if len(details) == 0 {
		return st.Err()
	}
	detailed, err := st.WithDetails(details...)
	if err != nil {
		// Only an unmarshalable detail fails, and these are generated
		// messages: the bare status still says what happened.
		return st.Err()
	}
	return detailed.Err()
}

// toProto converts a stored species to its API message.
func toProto(p store.Pokemon) *pokedexv1.Pokemon {
	return &pokedexv1.Pokemon{
		Id:     p.ID,
		Name:   p.Name,
		Types:  slices.Clone(p.Types),
		Rarity: p.Rarity,
		BaseStats: &pokedexv1.BaseStats{
			Hp:             p.Stats.HP,
			Attack:         p.Stats.Attack,
			Defense:        p.Stats.Defense,
			SpecialAttack:  p.Stats.SpecialAttack,
			SpecialDefense: p.Stats.SpecialDefense,
			Speed:          p.Stats.Speed,
		},
		HeightMeters:    p.HeightMeters,
		WeightKilograms: p.WeightKilograms,
		CreateTime:      timestamp(p.CreateTime),
		UpdateTime:      timestamp(p.UpdateTime),
	}
}

func timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// fromProto converts an API species to the store's, dropping the
// output-only times.
func fromProto(p *pokedexv1.Pokemon) store.Pokemon {
	stats := p.GetBaseStats()
	return store.Pokemon{
		ID:     p.GetId(),
		Name:   p.GetName(),
		Types:  slices.Clone(p.GetTypes()),
		Rarity: p.GetRarity(),
		Stats: store.BaseStats{
			HP:             stats.GetHp(),
			Attack:         stats.GetAttack(),
			Defense:        stats.GetDefense(),
			SpecialAttack:  stats.GetSpecialAttack(),
			SpecialDefense: stats.GetSpecialDefense(),
			Speed:          stats.GetSpeed(),
		},
		HeightMeters:    p.GetHeightMeters(),
		WeightKilograms: p.GetWeightKilograms(),
	}
}
