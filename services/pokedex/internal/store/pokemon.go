package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"buf.build/go/protovalidate"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/platform/rules"
)

// Pokemon is one species as stored. Its invariants, checked on every write
// (see CreatePokemon), are the protovalidate rules of kanto.pokedex.v1.Pokemon
// in the schema (a range for the id and every stat, the name's length, one
// or two distinct specified types, a specified rarity, positive bounded
// height and weight), and a name unique ignoring ASCII case.
type Pokemon struct {
	ID              int32
	Name            string
	Types           []pokedexv1.PokemonType
	Rarity          pokedexv1.Rarity
	Stats           BaseStats
	HeightMeters    float64
	WeightKilograms float64
	// CreateTime and UpdateTime are set by the store, in UTC; values
	// passed in are ignored.
	CreateTime time.Time
	UpdateTime time.Time
}

// BaseStats are a species' six base stats.
type BaseStats struct {
	HP             int32
	Attack         int32
	Defense        int32
	SpecialAttack  int32
	SpecialDefense int32
	Speed          int32
}

// DefaultPageSize is the page size used when ListQuery.Limit is 0 or less,
// as kanto.pokedex.v1's ListPokemon documents.
const DefaultPageSize = 50

// MaxPageSize caps ListQuery.Limit: the largest page_size of ListPokemon,
// read from the schema's rule.
var MaxPageSize = func() int {
	_, hi := rules.Int32Range(&pokedexv1.ListPokemonRequest{}, "page_size")
	return int(hi)
}()

// ListQuery selects one page of species.
type ListQuery struct {
	// Type keeps species with this type in either slot; unspecified keeps
	// all.
	Type pokedexv1.PokemonType
	// Rarity keeps species of this rarity; unspecified keeps all.
	Rarity pokedexv1.Rarity
	// AfterID starts the page after this id (keyset pagination: a page does
	// not shift when species before it are added or removed). 0 starts at
	// the beginning.
	AfterID int32
	// Limit is the page size: DefaultPageSize if 0 or less, at most
	// MaxPageSize.
	Limit int
}

// Page is one page of ListPokemon.
type Page struct {
	// Pokemon are the species of the page, in ascending id order.
	Pokemon []Pokemon
	// More reports whether species matching the query follow the last
	// one of this page.
	More bool
	// TotalSize counts the species that match the query's filter, on
	// every page; it is read in the same snapshot as the page.
	TotalSize int
}

// PokemonEncounter is an Encounter with its species.
type PokemonEncounter struct {
	Encounter
	Pokemon Pokemon
}

const pokemonColumns = `id, name, type1, type2, rarity, hp, attack, defense, special_attack, special_defense, speed,
	height_meters, weight_kilograms, create_time, update_time`

const insertPokemonSQL = `INSERT INTO pokemon (` + pokemonColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// pokemonArgs are p's values in pokemonColumns order.
func pokemonArgs(p Pokemon) []any {
	var type2 sql.NullInt32
	if len(p.Types) > 1 {
		type2 = sql.NullInt32{Int32: int32(p.Types[1]), Valid: true}
	}
	return []any{
		p.ID, p.Name, int32(p.Types[0]), type2, int32(p.Rarity),
		p.Stats.HP, p.Stats.Attack, p.Stats.Defense, p.Stats.SpecialAttack, p.Stats.SpecialDefense, p.Stats.Speed,
		p.HeightMeters, p.WeightKilograms, p.CreateTime.UnixNano(), p.UpdateTime.UnixNano(),
	}
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanPokemon reads pokemonColumns, optionally after extra leading columns.
func scanPokemon(row scanner, extra ...any) (Pokemon, error) {
	var (
		p                      Pokemon
		type1, rarity          int32
		type2                  sql.NullInt32
		createTime, updateTime int64
	)
	dest := append(extra, &p.ID, &p.Name, &type1, &type2, &rarity,
		&p.Stats.HP, &p.Stats.Attack, &p.Stats.Defense, &p.Stats.SpecialAttack, &p.Stats.SpecialDefense, &p.Stats.Speed,
		&p.HeightMeters, &p.WeightKilograms, &createTime, &updateTime)
	if err := row.Scan(dest...); err != nil {
		return Pokemon{}, err
	}
	p.Types = []pokedexv1.PokemonType{pokedexv1.PokemonType(type1)}
	if type2.Valid {
		p.Types = append(p.Types, pokedexv1.PokemonType(type2.Int32))
	}
	p.Rarity = pokedexv1.Rarity(rarity)
	p.CreateTime = time.Unix(0, createTime).UTC()
	p.UpdateTime = time.Unix(0, updateTime).UTC()
	return p, nil
}

func (s *Store) prepare(ctx context.Context) error {
	const filter = `(?1 = 0 OR type1 = ?1 OR type2 = ?1) AND (?2 = 0 OR rarity = ?2)`
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.getStmt, `SELECT ` + pokemonColumns + ` FROM pokemon WHERE id = ?`},
		// json_each turns one JSON array argument into a set, so one
		// prepared statement serves any number of ids.
		{&s.batchGetStmt, `SELECT ` + pokemonColumns + ` FROM pokemon WHERE id IN (SELECT value FROM json_each(?))`},
		{&s.listStmt, `SELECT ` + pokemonColumns + ` FROM pokemon WHERE ` + filter + ` AND id > ?3 ORDER BY id LIMIT ?4`},
		{&s.countStmt, `SELECT count(*) FROM pokemon WHERE ` + filter},
		// j.key is the index in the array asked for: it orders the places
		// as asked. Species id and levels break rate ties so that the order
		// is stable.
		{&s.encountersStmt, `SELECT e.place_id, e.pokemon_id, e.rate_percent, e.min_level, e.max_level, ` +
			prefixed("p.", pokemonColumns) + `
			FROM json_each(?) AS j
			JOIN encounters AS e ON e.place_id = j.value
			JOIN pokemon AS p ON p.id = e.pokemon_id
			ORDER BY j.key, e.rate_percent DESC, e.pokemon_id, e.min_level, e.max_level`},
	}
	for _, st := range stmts {
		stmt, err := s.read.PrepareContext(ctx, st.sql)
		if err != nil {
			return fmt.Errorf("store: prepare %q: %w", st.sql, err)
		}
		*st.dst = stmt
	}
	return nil
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = prefix + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// GetPokemon returns the species with the given id, or an error matching
// ErrNotFound. It is one primary-key lookup.
func (s *Store) GetPokemon(ctx context.Context, id int32) (Pokemon, error) {
	p, err := scanPokemon(s.getStmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Pokemon{}, notFound(id)
	}
	if err != nil {
		return Pokemon{}, fmt.Errorf("store: get pokemon %d: %w", id, err)
	}
	return p, nil
}

// BatchGetPokemon returns the species with the given ids, in the order of
// ids. If any is missing it returns an error matching ErrNotFound whose IDs
// are all the missing ones, in the order asked.
func (s *Store) BatchGetPokemon(ctx context.Context, ids []int32) ([]Pokemon, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	arg, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("store: batch get: %w", err)
	}
	rows, err := s.batchGetStmt.QueryContext(ctx, string(arg))
	if err != nil {
		return nil, fmt.Errorf("store: batch get: %w", err)
	}
	byID := make(map[int32]Pokemon, len(ids))
	err = eachRow(rows, func(rows *sql.Rows) error {
		p, err := scanPokemon(rows)
		byID[p.ID] = p
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: batch get: %w", err)
	}
	out := make([]Pokemon, 0, len(ids))
	var missing []int32
	for _, id := range ids {
		p, ok := byID[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		out = append(out, p)
	}
	if len(missing) > 0 {
		return nil, notFound(missing...)
	}
	return out, nil
}

// ListPokemon returns one page of species in ascending id order, and how
// many match the filter in all, from one snapshot.
func (s *Store) ListPokemon(ctx context.Context, q ListQuery) (Page, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	limit = min(limit, MaxPageSize)
	var page Page
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		if err := tx.StmtContext(ctx, s.countStmt).QueryRowContext(ctx, int32(q.Type), int32(q.Rarity)).Scan(&page.TotalSize); err != nil {
			return err
		}
		// One row more than asked tells whether another page follows
		// without a second query.
		rows, err := tx.StmtContext(ctx, s.listStmt).QueryContext(ctx, int32(q.Type), int32(q.Rarity), q.AfterID, limit+1)
		if err != nil {
			return err
		}
		return eachRow(rows, func(rows *sql.Rows) error {
			p, err := scanPokemon(rows)
			page.Pokemon = append(page.Pokemon, p)
			return err
		})
	})
	if err != nil {
		return Page{}, fmt.Errorf("store: list pokemon: %w", err)
	}
	if len(page.Pokemon) > limit {
		page.Pokemon, page.More = page.Pokemon[:limit], true
	}
	return page, nil
}

// ListEncounters returns the encounters at the given places with their
// species: grouped by place in the order of placeIDs, then by falling
// rate. Places without encounters, known or not, add nothing.
func (s *Store) ListEncounters(ctx context.Context, placeIDs []string) ([]PokemonEncounter, error) {
	if len(placeIDs) == 0 {
		return nil, nil
	}
	arg, err := json.Marshal(placeIDs)
	if err != nil {
		return nil, fmt.Errorf("store: list encounters: %w", err)
	}
	rows, err := s.encountersStmt.QueryContext(ctx, string(arg))
	if err != nil {
		return nil, fmt.Errorf("store: list encounters: %w", err)
	}
	var out []PokemonEncounter
	err = eachRow(rows, func(rows *sql.Rows) error {
		var e PokemonEncounter
		p, err := scanPokemon(rows, &e.PlaceID, &e.PokemonID, &e.RatePercent, &e.MinLevel, &e.MaxLevel)
		e.Pokemon = p
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list encounters: %w", err)
	}
	return out, nil
}

// eachRow calls fn for every row and closes rows.
func eachRow(rows *sql.Rows, fn func(*sql.Rows) error) (err error) {
	defer func() { err = errors.Join(err, rows.Close()) }()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CreatePokemon stores a new species and returns it as stored, with its
// create and update times set to now.
//
// Errors: ErrInvalidArgument if p breaks an invariant (see Pokemon);
// ErrAlreadyExists if the id or, ignoring ASCII case, the name is taken
// (Error.Field says which, Error.IDs the holder).
//
// A non-empty requestID makes the call idempotent: the species and the
// request id are recorded in one transaction, and a later call with the
// same request id and the same species (create and update times aside)
// returns the species as the first call stored it, even if it was changed
// or deleted since, without writing anything. The same request id with a
// different species fails with ErrConflict. Request ids are kept forever.
func (s *Store) CreatePokemon(ctx context.Context, p Pokemon, requestID string) (Pokemon, error) {
	p.Types = slices.Clone(p.Types)
	if err := checkPokemon(p); err != nil {
		return Pokemon{}, err
	}
	fingerprint, err := fingerprintOf(p)
	if err != nil {
		return Pokemon{}, err
	}
	var out Pokemon
	err = s.inWriteTx(ctx, func(tx *sql.Tx) error {
		if requestID != "" {
			var stored, result []byte
			err := tx.QueryRowContext(ctx, `SELECT fingerprint, result FROM create_requests WHERE request_id = ?`, requestID).Scan(&stored, &result)
			switch {
			case err == nil:
				if !bytes.Equal(stored, fingerprint) {
					return &Error{
						Code:      CodeConflict,
						Message:   fmt.Sprintf("request id %q was already used to create a different species", requestID),
						RequestID: requestID,
					}
				}
				if err := json.Unmarshal(result, &out); err != nil {
					return fmt.Errorf("store: decode stored result of request %q: %w", requestID, err)
				}
				return nil
			case !errors.Is(err, sql.ErrNoRows):
				return fmt.Errorf("store: read request %q: %w", requestID, err)
			}
		}
		if err := checkFree(ctx, tx, p.ID, p.Name); err != nil {
			return err
		}
		now := s.now().UTC()
		p.CreateTime, p.UpdateTime = now, now
		if _, err := tx.ExecContext(ctx, insertPokemonSQL, pokemonArgs(p)...); err != nil {
			return constraintError(fmt.Errorf("store: insert pokemon %d: %w", p.ID, err))
		}
		if requestID != "" {
			result, err := json.Marshal(p)
			if err != nil {
				return fmt.Errorf("store: encode result: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO create_requests (request_id, fingerprint, pokemon_id, result, create_time) VALUES (?, ?, ?, ?, ?)`,
				requestID, fingerprint, p.ID, result, now.UnixNano()); err != nil {
				return fmt.Errorf("store: record request %q: %w", requestID, err)
			}
		}
		out = p
		return nil
	})
	if err != nil {
		return Pokemon{}, err
	}
	return out, nil
}

// UpdatePokemon changes the species with the given id: in one transaction it
// reads the species, lets apply change a copy, checks the result and writes
// it with a new update time. apply cannot change the id or the create
// time. apply runs while the store's single write connection is held: it
// must be quick and must not call the Store, or it deadlocks.
//
// Errors: ErrNotFound if the species does not exist; apply's error,
// unchanged, if it fails (nothing is written); ErrInvalidArgument if the
// result breaks an invariant; ErrAlreadyExists if its name is another
// species'.
func (s *Store) UpdatePokemon(ctx context.Context, id int32, apply func(p *Pokemon) error) (Pokemon, error) {
	var out Pokemon
	err := s.inWriteTx(ctx, func(tx *sql.Tx) error {
		cur, err := scanPokemon(tx.QueryRowContext(ctx, `SELECT `+pokemonColumns+` FROM pokemon WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound(id)
		}
		if err != nil {
			return fmt.Errorf("store: read pokemon %d: %w", id, err)
		}
		next := cur
		next.Types = slices.Clone(cur.Types)
		if err := apply(&next); err != nil {
			return err
		}
		next.Types = slices.Clone(next.Types)
		next.ID, next.CreateTime = cur.ID, cur.CreateTime
		next.UpdateTime = s.now().UTC()
		if err := checkPokemon(next); err != nil {
			return err
		}
		if err := checkNameFree(ctx, tx, next.Name, id); err != nil {
			return err
		}
		args := pokemonArgs(next)
		if _, err := tx.ExecContext(ctx, `UPDATE pokemon SET (`+pokemonColumns+`) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`,
			append(args, id)...); err != nil {
			return constraintError(fmt.Errorf("store: update pokemon %d: %w", id, err))
		}
		out = next
		return nil
	})
	if err != nil {
		return Pokemon{}, err
	}
	return out, nil
}

// DeletePokemon removes the species with the given id and, through the
// foreign key's cascade, its encounters; or returns an error matching
// ErrNotFound. Its idempotency records stay, so a retried create still
// answers with the species it once created.
func (s *Store) DeletePokemon(ctx context.Context, id int32) error {
	// One statement is one transaction, cascade included.
	res, err := s.write.ExecContext(ctx, `DELETE FROM pokemon WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: delete pokemon %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: delete pokemon %d: %w", id, err)
	}
	if n == 0 {
		return notFound(id)
	}
	return nil
}

// checkFree fails with ErrAlreadyExists if the id or the name is taken. It
// runs inside the write transaction, so nothing can take them before the
// insert.
func checkFree(ctx context.Context, tx *sql.Tx, id int32, name string) error {
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pokemon WHERE id = ?)`, id).Scan(&exists); err != nil {
		return fmt.Errorf("store: check id %d: %w", id, err)
	}
	if exists {
		return &Error{
			Code:    CodeAlreadyExists,
			Message: fmt.Sprintf("pokemon %d already exists", id),
			Field:   "id",
			IDs:     []int32{id},
		}
	}
	return checkNameFree(ctx, tx, name, 0)
}

// checkNameFree fails with ErrAlreadyExists if a species other than self
// has the name, ignoring ASCII case as the unique index does.
func checkNameFree(ctx context.Context, tx *sql.Tx, name string, self int32) error {
	var holder int32
	err := tx.QueryRowContext(ctx, `SELECT id FROM pokemon WHERE name = ? AND id <> ?`, name, self).Scan(&holder)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: check name %q: %w", name, err)
	}
	return &Error{
		Code:    CodeAlreadyExists,
		Message: fmt.Sprintf("the name %q is taken by pokemon %d", name, holder),
		Field:   "name",
		IDs:     []int32{holder},
	}
}

func notFound(ids ...int32) *Error {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return &Error{
		Code:    CodeNotFound,
		Message: "pokemon " + strings.Join(parts, ", ") + " not found",
		IDs:     ids,
	}
}

// checkPokemon enforces the invariants of Pokemon with a message that names
// the field, rather than leaving them to the database's CHECK constraints.
// The limits are those of kanto.pokedex.v1.Pokemon, checked by its
// protovalidate rules: the schema is the one place they are written.
func checkPokemon(p Pokemon) error {
	// protovalidate counts characters in valid UTF-8 only; a proto string
	// could never hold anything else.
	if !utf8.ValidString(p.Name) {
		return &Error{Code: CodeInvalidArgument, Field: "name", Message: "name: must be valid UTF-8"}
	}
	err := protovalidate.Validate(p.proto())
	var verr *protovalidate.ValidationError
	if errors.As(err, &verr) && len(verr.Violations) > 0 {
		v := verr.Violations[0].Proto
		field := protovalidate.FieldPathString(v.GetField())
		return &Error{Code: CodeInvalidArgument, Field: field, Message: field + ": " + v.GetMessage()}
	}
	if err != nil {
		return fmt.Errorf("store: validate species %d: %w", p.ID, err)
	}
	return nil
}

// proto returns the species as kanto.pokedex.v1.Pokemon, without its
// times, for validation.
func (p Pokemon) proto() *pokedexv1.Pokemon {
	return &pokedexv1.Pokemon{
		Id:     p.ID,
		Name:   p.Name,
		Types:  p.Types,
		Rarity: p.Rarity,
		BaseStats: &pokedexv1.BaseStats{
			Hp: p.Stats.HP, Attack: p.Stats.Attack, Defense: p.Stats.Defense,
			SpecialAttack: p.Stats.SpecialAttack, SpecialDefense: p.Stats.SpecialDefense, Speed: p.Stats.Speed,
		},
		HeightMeters:    p.HeightMeters,
		WeightKilograms: p.WeightKilograms,
	}
}

// fingerprintOf hashes the fields a client chooses, so that a retried
// create can be told from a different one under the same request id. The
// encoding is versioned and spelt out field by field, rather than hashing
// the struct's JSON, so that adding a field to Pokemon cannot silently
// change the fingerprints already stored.
func fingerprintOf(p Pokemon) ([]byte, error) {
	types := make([]int32, len(p.Types))
	for i, t := range p.Types {
		types[i] = int32(t)
	}
	canonical, err := json.Marshal([]any{
		"pokemon/v1", p.ID, p.Name, types, int32(p.Rarity),
		[]int32{p.Stats.HP, p.Stats.Attack, p.Stats.Defense, p.Stats.SpecialAttack, p.Stats.SpecialDefense, p.Stats.Speed},
		p.HeightMeters, p.WeightKilograms,
	})
	if err != nil {
		// Only NaN or infinite floats fail to encode, and checkPokemon
		// rejects those first.
		return nil, fmt.Errorf("store: fingerprint: %w", err)
	}
	sum := sha256.Sum256(canonical)
	return sum[:], nil
}
