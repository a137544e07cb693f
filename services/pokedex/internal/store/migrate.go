package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one file of migrations/, named NNNN_description.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order. Versions
// must start at 1 and have no gaps, so that a missing file is noticed at
// start rather than silently skipped.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(prefix)
		if !ok || err != nil || version < 1 {
			return nil, fmt.Errorf("store: migration %q is not named NNNN_description.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: version, name: e.Name(), sql: string(body)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %s: want version %d", m.name, i+1)
		}
	}
	return out, nil
}

const seedKey = "seed_time"

// migrateAndSeed brings the schema up to date and seeds a database that was
// never seeded, in one write transaction. The transaction begins IMMEDIATE,
// so two processes starting on one new file cannot both migrate or seed:
// the second waits, then finds the work done.
func (s *Store) migrateAndSeed(ctx context.Context, seed []Pokemon, encounters []Encounter) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	return s.inWriteTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version      INTEGER PRIMARY KEY,
			name         TEXT    NOT NULL,
			applied_time INTEGER NOT NULL
		) STRICT`); err != nil {
			return fmt.Errorf("store: create schema_migrations: %w", err)
		}
		var current int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return fmt.Errorf("store: read schema version: %w", err)
		}
		if current > len(all) {
			// An older binary must not write to a schema it does not know.
			return fmt.Errorf("store: database schema version %d is newer than this binary's %d", current, len(all))
		}
		now := s.now().UnixNano()
		for _, m := range all[current:] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("store: migration %s: %w", m.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_time) VALUES (?, ?, ?)`,
				m.version, m.name, now); err != nil {
				return fmt.Errorf("store: record migration %s: %w", m.name, err)
			}
			s.logger.InfoContext(ctx, "store: applied migration", "migration", m.name)
		}

		var seeded string
		switch err := tx.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = ?`, seedKey).Scan(&seeded); {
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: read seed state: %w", err)
		}
		return s.seed(ctx, tx, seed, encounters)
	})
}

// seed inserts the seed species and encounters and records that it did.
func (s *Store) seed(ctx context.Context, tx *sql.Tx, seed []Pokemon, encounters []Encounter) (err error) {
	now := s.now().UTC()
	insert, err := tx.PrepareContext(ctx, insertPokemonSQL)
	if err != nil {
		return fmt.Errorf("store: seed: %w", err)
	}
	defer func() {
		if cerr := insert.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("store: seed: %w", cerr)
		}
	}()
	for _, p := range seed {
		p.CreateTime, p.UpdateTime = now, now
		if _, err := insert.ExecContext(ctx, pokemonArgs(p)...); err != nil {
			return fmt.Errorf("store: seed #%d %s: %w", p.ID, p.Name, err)
		}
	}
	for i, e := range encounters {
		if _, err := tx.ExecContext(ctx, `INSERT INTO encounters (place_id, pokemon_id, rate_percent, min_level, max_level) VALUES (?, ?, ?, ?, ?)`,
			e.PlaceID, e.PokemonID, e.RatePercent, e.MinLevel, e.MaxLevel); err != nil {
			return fmt.Errorf("store: seed encounter %d (%s, #%d): %w", i, e.PlaceID, e.PokemonID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES (?, ?)`, seedKey, now.Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("store: record seed: %w", err)
	}
	s.logger.InfoContext(ctx, "store: seeded the pokédex", "species", len(seed), "encounters", len(encounters))
	return nil
}
