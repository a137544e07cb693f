package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
)

const (
	typeGrass    = pokedexv1.PokemonType_POKEMON_TYPE_GRASS
	typePoison   = pokedexv1.PokemonType_POKEMON_TYPE_POISON
	typeFire     = pokedexv1.PokemonType_POKEMON_TYPE_FIRE
	typeFlying   = pokedexv1.PokemonType_POKEMON_TYPE_FLYING
	typeElectric = pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC
	typePsychic  = pokedexv1.PokemonType_POKEMON_TYPE_PSYCHIC
	typeIce      = pokedexv1.PokemonType_POKEMON_TYPE_ICE
	typeGhost    = pokedexv1.PokemonType_POKEMON_TYPE_GHOST
	typeWater    = pokedexv1.PokemonType_POKEMON_TYPE_WATER

	normal    = pokedexv1.Rarity_RARITY_NORMAL
	legendary = pokedexv1.Rarity_RARITY_LEGENDARY
	mythic    = pokedexv1.Rarity_RARITY_MYTHIC
)

// testEncounters is a small fixture; the real tables live with the Kanto map.
var testEncounters = []Encounter{
	{PlaceID: "route-1", PokemonID: 16, RatePercent: 45, MinLevel: 2, MaxLevel: 5},
	{PlaceID: "route-1", PokemonID: 19, RatePercent: 55, MinLevel: 2, MaxLevel: 4},
	{PlaceID: "viridian-forest", PokemonID: 10, RatePercent: 40, MinLevel: 3, MaxLevel: 5},
	{PlaceID: "viridian-forest", PokemonID: 25, RatePercent: 5, MinLevel: 3, MaxLevel: 5},
	{PlaceID: "viridian-forest", PokemonID: 13, RatePercent: 35, MinLevel: 3, MaxLevel: 5},
	{PlaceID: "viridian-forest", PokemonID: 11, RatePercent: 20, MinLevel: 4, MaxLevel: 6},
}

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu  sync.Mutex // guards now
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func tempPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "pokedex.db")
}

func openTest(t testing.TB, path string, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithLogger(slog.New(slog.DiscardHandler)), WithEncounters(testEncounters)}, opts...)
	s, err := Open(t.Context(), path, opts...)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func count(t *testing.T, s *Store) int {
	t.Helper()
	page, err := s.ListPokemon(t.Context(), ListQuery{Limit: 1})
	if err != nil {
		t.Fatalf("ListPokemon: %v", err)
	}
	return page.TotalSize
}

func newSpecies(id int32, name string) Pokemon {
	return Pokemon{
		ID:              id,
		Name:            name,
		Types:           []pokedexv1.PokemonType{typeWater, typeGhost},
		Rarity:          normal,
		Stats:           BaseStats{HP: 10, Attack: 20, Defense: 30, SpecialAttack: 40, SpecialDefense: 50, Speed: 60},
		HeightMeters:    1.5,
		WeightKilograms: 42.25,
	}
}

func wantCode(t *testing.T, err error, want *Error) *Error {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want one matching %v", err, want.Code)
	}
	var serr *Error
	if !errors.As(err, &serr) {
		t.Fatalf("error %v is not an *Error", err)
	}
	return serr
}

func TestSeed(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))

	t.Run("exactly the national pokédex", func(t *testing.T) {
		t.Parallel()
		var ids []int32
		for after := int32(0); ; {
			page, err := s.ListPokemon(t.Context(), ListQuery{AfterID: after, Limit: MaxPageSize})
			if err != nil {
				t.Fatal(err)
			}
			if page.TotalSize != SeedSize {
				t.Errorf("TotalSize = %d, want %d", page.TotalSize, SeedSize)
			}
			for _, p := range page.Pokemon {
				ids = append(ids, p.ID)
			}
			if !page.More {
				break
			}
			after = page.Pokemon[len(page.Pokemon)-1].ID
		}
		if len(ids) != SeedSize {
			t.Fatalf("listed %d species, want %d", len(ids), SeedSize)
		}
		for i, id := range ids {
			if id != int32(i+1) {
				t.Fatalf("ids[%d] = %d, want %d", i, id, i+1)
			}
		}
	})

	facts := []struct {
		id     int32
		name   string
		types  []pokedexv1.PokemonType
		rarity pokedexv1.Rarity
	}{
		{1, "Bulbasaur", []pokedexv1.PokemonType{typeGrass, typePoison}, normal},
		{6, "Charizard", []pokedexv1.PokemonType{typeFire, typeFlying}, normal},
		{25, "Pikachu", []pokedexv1.PokemonType{typeElectric}, normal},
		{144, "Articuno", []pokedexv1.PokemonType{typeIce, typeFlying}, legendary},
		{150, "Mewtwo", []pokedexv1.PokemonType{typePsychic}, legendary},
		{151, "Mew", []pokedexv1.PokemonType{typePsychic}, mythic},
		{1025, "Pecharunt", []pokedexv1.PokemonType{typePoison, typeGhost}, mythic},
	}
	for _, f := range facts {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			p, err := s.GetPokemon(t.Context(), f.id)
			if err != nil {
				t.Fatal(err)
			}
			if p.ID != f.id || p.Name != f.name || !slices.Equal(p.Types, f.types) || p.Rarity != f.rarity {
				t.Errorf("got #%d %s %v %v, want #%d %s %v %v", p.ID, p.Name, p.Types, p.Rarity, f.id, f.name, f.types, f.rarity)
			}
			if p.CreateTime.IsZero() || !p.UpdateTime.Equal(p.CreateTime) {
				t.Errorf("times = %v, %v; want equal and set", p.CreateTime, p.UpdateTime)
			}
		})
	}

	t.Run("Pikachu's numbers", func(t *testing.T) {
		t.Parallel()
		p, err := s.GetPokemon(t.Context(), 25)
		if err != nil {
			t.Fatal(err)
		}
		want := BaseStats{HP: 35, Attack: 55, Defense: 40, SpecialAttack: 50, SpecialDefense: 50, Speed: 90}
		if p.Stats != want || p.HeightMeters != 0.4 || p.WeightKilograms != 6 {
			t.Errorf("got %+v %vm %vkg, want %+v 0.4m 6kg", p.Stats, p.HeightMeters, p.WeightKilograms, want)
		}
	})

	t.Run("rarity counts", func(t *testing.T) {
		t.Parallel()
		// 23 mythicals, Mew to Pecharunt; the rest of the 1025 split
		// between legendary and normal.
		counts := map[pokedexv1.Rarity]int{}
		for _, r := range []pokedexv1.Rarity{normal, legendary, mythic} {
			page, err := s.ListPokemon(t.Context(), ListQuery{Rarity: r, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			counts[r] = page.TotalSize
		}
		if counts[mythic] != 23 {
			t.Errorf("%d mythical species, want 23", counts[mythic])
		}
		if counts[legendary] < 60 || counts[normal]+counts[legendary]+counts[mythic] != SeedSize {
			t.Errorf("rarity counts %v do not add up to %d with a plausible number of legendaries", counts, SeedSize)
		}
	})
}

func TestReopen(t *testing.T) {
	t.Parallel()
	path := tempPath(t)
	clock := newFakeClock()

	s, err := Open(t.Context(), path, WithLogger(slog.New(slog.DiscardHandler)), WithEncounters(testEncounters), WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePokemon(t.Context(), 25); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), "req-1"); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := s.write.QueryRowContext(t.Context(), `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopen twice with other encounters: neither the seed nor the
	// encounters may come back, and the migrations must not run again.
	clock.Advance(time.Hour)
	for i := range 2 {
		s := openTest(t, path, WithEncounters([]Encounter{{PlaceID: "route-2", PokemonID: 25, RatePercent: 100, MinLevel: 1, MaxLevel: 1}}), WithClock(clock.Now))
		if _, err := s.GetPokemon(t.Context(), 25); !errors.Is(err, ErrNotFound) {
			t.Errorf("open %d: deleted Pikachu: err = %v, want not found (reseeded?)", i, err)
		}
		if _, err := s.GetPokemon(t.Context(), 9000); err != nil {
			t.Errorf("open %d: created species lost: %v", i, err)
		}
		if got := count(t, s); got != SeedSize {
			t.Errorf("open %d: %d species, want %d", i, got, SeedSize)
		}
		enc, err := s.ListEncounters(t.Context(), []string{"route-2", "viridian-forest"})
		if err != nil {
			t.Fatal(err)
		}
		if len(enc) != 3 {
			t.Errorf("open %d: %d encounters, want the 3 left of viridian-forest: %+v", i, len(enc), enc)
		}
		var versions int
		if err := s.write.QueryRowContext(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&versions); err != nil {
			t.Fatal(err)
		}
		all, err := migrations()
		if err != nil {
			t.Fatal(err)
		}
		if versions != len(all) {
			t.Errorf("open %d: %d migrations recorded, want %d", i, versions, len(all))
		}
		var seeded string
		if err := s.write.QueryRowContext(t.Context(), `SELECT value FROM store_meta WHERE key = ?`, seedKey).Scan(&seeded); err != nil {
			t.Fatal(err)
		}
		if want := newFakeClock().Now().Format(time.RFC3339Nano); seeded != want {
			t.Errorf("open %d: seed time %s, want the first start's %s", i, seeded, want)
		}
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	t.Parallel()
	path := tempPath(t)
	s := openTest(t, path)
	if _, err := s.write.ExecContext(t.Context(), `INSERT INTO schema_migrations (version, name, applied_time) VALUES (999, 'future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(t.Context(), path, WithLogger(slog.New(slog.DiscardHandler))); err == nil {
		t.Fatal("Open of a database from a newer binary succeeded")
	}
}

func TestOpenRejectsBadConfig(t *testing.T) {
	t.Parallel()
	good := Encounter{PlaceID: "route-1", PokemonID: 16, RatePercent: 10, MinLevel: 2, MaxLevel: 4}
	bad := func(edit func(*Encounter)) []Encounter {
		e := good
		edit(&e)
		return []Encounter{good, e}
	}
	tests := []struct {
		name string
		path string
		opts []Option
	}{
		{"empty path", "", nil},
		{"question mark", "a?b.db", nil},
		{"nil logger", "", []Option{WithLogger(nil)}},
		{"nil clock", "", []Option{WithClock(nil)}},
		{"negative busy timeout", "", []Option{WithBusyTimeout(-time.Second)}},
		{"no read connections", "", []Option{WithReadConns(0)}},
		{"unknown species", "", []Option{WithEncounters(bad(func(e *Encounter) { e.PokemonID = 2000 }))}},
		{"zero rate", "", []Option{WithEncounters(bad(func(e *Encounter) { e.RatePercent = 0 }))}},
		{"levels reversed", "", []Option{WithEncounters(bad(func(e *Encounter) { e.MinLevel, e.MaxLevel = 9, 3 }))}},
		{"empty place", "", []Option{WithEncounters(bad(func(e *Encounter) { e.PlaceID = "" }))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := tt.path
			if path == "" && tt.name != "empty path" {
				path = tempPath(t)
			}
			s, err := Open(t.Context(), path, tt.opts...)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
		})
	}
}

func TestMemoryPath(t *testing.T) {
	t.Parallel()
	s := openTest(t, MemoryPath)
	if got := count(t, s); got != SeedSize {
		t.Errorf("%d species, want %d", got, SeedSize)
	}
	if _, err := s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetPokemon(t.Context(), 9000); err != nil {
		t.Errorf("created species not readable: %v", err)
	}
}

func TestCreatePokemon(t *testing.T) {
	t.Parallel()

	t.Run("stores and stamps", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		s := openTest(t, tempPath(t), WithClock(clock.Now))
		in := newSpecies(9000, "Testmon")
		in.CreateTime = time.Unix(1, 0) // ignored
		got, err := s.CreatePokemon(t.Context(), in, "")
		if err != nil {
			t.Fatal(err)
		}
		want := in
		want.CreateTime, want.UpdateTime = clock.Now(), clock.Now()
		assertPokemon(t, got, want)
		read, err := s.GetPokemon(t.Context(), 9000)
		if err != nil {
			t.Fatal(err)
		}
		assertPokemon(t, read, want)
	})

	t.Run("id taken", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		_, err := s.CreatePokemon(t.Context(), newSpecies(25, "Testmon"), "")
		if serr := wantCode(t, err, ErrAlreadyExists); serr.Field != "id" || !slices.Equal(serr.IDs, []int32{25}) {
			t.Errorf("error %+v, want field id and ids [25]", serr)
		}
	})

	t.Run("name taken in another case", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		_, err := s.CreatePokemon(t.Context(), newSpecies(9000, "pIKACHU"), "")
		if serr := wantCode(t, err, ErrAlreadyExists); serr.Field != "name" || !slices.Equal(serr.IDs, []int32{25}) {
			t.Errorf("error %+v, want field name and ids [25]", serr)
		}
		if got := count(t, s); got != SeedSize {
			t.Errorf("%d species after failed create, want %d", got, SeedSize)
		}
	})

	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		for _, edit := range []func(*Pokemon){
			func(p *Pokemon) { p.Types = append(p.Types, typeFire) },
			func(p *Pokemon) { p.Types = []pokedexv1.PokemonType{typeFire, typeFire} },
			func(p *Pokemon) { p.Rarity = 0 },
			func(p *Pokemon) { p.Stats.Speed = 256 },
			func(p *Pokemon) { p.Name = "" },
			func(p *Pokemon) { p.ID = 10000 },
		} {
			p := newSpecies(9000, "Testmon")
			edit(&p)
			_, err := s.CreatePokemon(t.Context(), p, "")
			wantCode(t, err, ErrInvalidArgument)
		}
	})

	t.Run("idempotent", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		s := openTest(t, tempPath(t), WithClock(clock.Now))
		first, err := s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), "req-1")
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		if _, err := s.UpdatePokemon(t.Context(), 9000, func(p *Pokemon) error { p.Name = "Renamed"; return nil }); err != nil {
			t.Fatal(err)
		}
		again, err := s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), "req-1")
		if err != nil {
			t.Fatalf("retry: %v", err)
		}
		assertPokemon(t, again, first)
		if got := count(t, s); got != SeedSize+1 {
			t.Errorf("%d species, want %d", got, SeedSize+1)
		}

		_, err = s.CreatePokemon(t.Context(), newSpecies(9001, "Othermon"), "req-1")
		if serr := wantCode(t, err, ErrConflict); serr.RequestID != "req-1" {
			t.Errorf("conflict names request %q, want req-1", serr.RequestID)
		}

		// Deleted since: the retry still answers, and does not recreate.
		if err := s.DeletePokemon(t.Context(), 9000); err != nil {
			t.Fatal(err)
		}
		again, err = s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), "req-1")
		if err != nil {
			t.Fatalf("retry after delete: %v", err)
		}
		assertPokemon(t, again, first)
		if _, err := s.GetPokemon(t.Context(), 9000); !errors.Is(err, ErrNotFound) {
			t.Errorf("retry after delete recreated the species: %v", err)
		}
	})

	t.Run("concurrent retries create once", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		const n = 8
		results := make([]Pokemon, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				results[i], errs[i] = s.CreatePokemon(t.Context(), newSpecies(9000, "Testmon"), "req-concurrent")
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("call %d: %v", i, errs[i])
			}
			assertPokemon(t, results[i], results[0])
		}
		if got := count(t, s); got != SeedSize+1 {
			t.Errorf("%d species, want %d", got, SeedSize+1)
		}
	})
}

func TestUpdatePokemon(t *testing.T) {
	t.Parallel()

	t.Run("merges and stamps", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		s := openTest(t, tempPath(t), WithClock(clock.Now))
		before, err := s.GetPokemon(t.Context(), 25)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		got, err := s.UpdatePokemon(t.Context(), 25, func(p *Pokemon) error {
			p.Name = "PIKACHU" // its own name in another case is no clash
			p.ID = 26          // ignored
			p.CreateTime = time.Unix(0, 0)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := before
		want.Name, want.UpdateTime = "PIKACHU", clock.Now()
		assertPokemon(t, got, want)
		read, err := s.GetPokemon(t.Context(), 25)
		if err != nil {
			t.Fatal(err)
		}
		assertPokemon(t, read, want)
		if raichu, err := s.GetPokemon(t.Context(), 26); err != nil || raichu.Name != "Raichu" {
			t.Errorf("Raichu = %+v, %v; want untouched", raichu, err)
		}
	})

	t.Run("apply error rolls back", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		sentinel := errors.New("no thanks")
		_, err := s.UpdatePokemon(t.Context(), 25, func(p *Pokemon) error { p.Name = "Changed"; return sentinel })
		// Compared with ==, not errors.Is: apply's error must come back unwrapped.
		if err != sentinel {
			t.Fatalf("err = %v, want apply's error unchanged", err)
		}
		if p, _ := s.GetPokemon(t.Context(), 25); p.Name != "Pikachu" {
			t.Errorf("name = %q after failed update, want Pikachu", p.Name)
		}
	})

	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		s := openTest(t, tempPath(t))
		_, err := s.UpdatePokemon(t.Context(), 9999, func(*Pokemon) error { return nil })
		wantCode(t, err, ErrNotFound)
		_, err = s.UpdatePokemon(t.Context(), 25, func(p *Pokemon) error { p.Name = "raichu"; return nil })
		if serr := wantCode(t, err, ErrAlreadyExists); serr.Field != "name" || !slices.Equal(serr.IDs, []int32{26}) {
			t.Errorf("error %+v, want field name held by 26", serr)
		}
		_, err = s.UpdatePokemon(t.Context(), 25, func(p *Pokemon) error { p.Types = nil; return nil })
		wantCode(t, err, ErrInvalidArgument)
	})
}

func TestDeletePokemon(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))
	if err := s.DeletePokemon(t.Context(), 25); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetPokemon(t.Context(), 25); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after delete: %v, want not found", err)
	}
	if err := s.DeletePokemon(t.Context(), 25); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v, want not found", err)
	}
	enc, err := s.ListEncounters(t.Context(), []string{"viridian-forest"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range enc {
		if e.PokemonID == 25 {
			t.Errorf("encounter of deleted Pikachu survived: %+v", e.Encounter)
		}
	}
	if len(enc) != 3 {
		t.Errorf("%d encounters left, want 3", len(enc))
	}
}

func TestListPokemon(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))
	seed, err := loadSeed()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		query ListQuery
		keep  func(Pokemon) bool
	}{
		{"all", ListQuery{}, func(Pokemon) bool { return true }},
		{"flying in either slot", ListQuery{Type: typeFlying}, func(p Pokemon) bool { return slices.Contains(p.Types, typeFlying) }},
		{"legendary", ListQuery{Rarity: legendary}, func(p Pokemon) bool { return p.Rarity == legendary }},
		{"legendary psychic", ListQuery{Type: typePsychic, Rarity: legendary}, func(p Pokemon) bool {
			return p.Rarity == legendary && slices.Contains(p.Types, typePsychic)
		}},
	}
	for _, tt := range tests {
		for _, limit := range []int{0, 7, 100, MaxPageSize + 1} {
			t.Run(fmt.Sprintf("%s/limit %d", tt.name, limit), func(t *testing.T) {
				t.Parallel()
				var want []int32
				for _, p := range seed {
					if tt.keep(p) {
						want = append(want, p.ID)
					}
				}
				effective := limit
				if effective <= 0 {
					effective = DefaultPageSize
				}
				effective = min(effective, MaxPageSize)
				var got []int32
				q := tt.query
				q.Limit = limit
				for {
					page, err := s.ListPokemon(t.Context(), q)
					if err != nil {
						t.Fatal(err)
					}
					if page.TotalSize != len(want) {
						t.Fatalf("TotalSize = %d, want %d", page.TotalSize, len(want))
					}
					if len(page.Pokemon) > effective || (page.More && len(page.Pokemon) != effective) {
						t.Fatalf("page of %d with More=%v for limit %d", len(page.Pokemon), page.More, limit)
					}
					for _, p := range page.Pokemon {
						got = append(got, p.ID)
					}
					if !page.More {
						break
					}
					q.AfterID = page.Pokemon[len(page.Pokemon)-1].ID
				}
				if !slices.Equal(got, want) {
					t.Errorf("listed %d ids %v, want %d ids %v", len(got), got, len(want), want)
				}
			})
		}
	}

	t.Run("Charizard is flying", func(t *testing.T) {
		t.Parallel()
		page, err := s.ListPokemon(t.Context(), ListQuery{Type: typeFlying, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int32
		for _, p := range page.Pokemon {
			ids = append(ids, p.ID)
		}
		if !slices.Equal(ids, []int32{6, 12, 16}) {
			t.Errorf("first flying species %v, want Charizard, Butterfree, Pidgey", ids)
		}
	})
}

func TestBatchGetPokemon(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))
	got, err := s.BatchGetPokemon(t.Context(), []int32{151, 1, 25})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, []string{"Mew", "Bulbasaur", "Pikachu"}) {
		t.Errorf("got %v, want Mew, Bulbasaur, Pikachu", names)
	}
	_, err = s.BatchGetPokemon(t.Context(), []int32{9999, 1, 9998})
	if serr := wantCode(t, err, ErrNotFound); !slices.Equal(serr.IDs, []int32{9999, 9998}) {
		t.Errorf("missing ids %v, want [9999 9998]", serr.IDs)
	}
}

func TestListEncounters(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))
	got, err := s.ListEncounters(t.Context(), []string{"viridian-forest", "nowhere", "route-1"})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		place string
		id    int32
		rate  int32
		name  string
	}
	var rows []row
	for _, e := range got {
		if e.Pokemon.ID != e.PokemonID {
			t.Errorf("encounter of #%d carries species #%d", e.PokemonID, e.Pokemon.ID)
		}
		rows = append(rows, row{e.PlaceID, e.PokemonID, e.RatePercent, e.Pokemon.Name})
	}
	want := []row{
		{"viridian-forest", 10, 40, "Caterpie"},
		{"viridian-forest", 13, 35, "Weedle"},
		{"viridian-forest", 11, 20, "Metapod"},
		{"viridian-forest", 25, 5, "Pikachu"},
		{"route-1", 19, 55, "Rattata"},
		{"route-1", 16, 45, "Pidgey"},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("got %v, want %v", rows, want)
	}
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	s := openTest(t, tempPath(t))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.GetPokemon(ctx, 25); !errors.Is(err, context.Canceled) {
		t.Errorf("GetPokemon: %v, want context.Canceled", err)
	}
	if _, err := s.ListPokemon(ctx, ListQuery{}); !errors.Is(err, context.Canceled) {
		t.Errorf("ListPokemon: %v, want context.Canceled", err)
	}
	if _, err := s.CreatePokemon(ctx, newSpecies(9000, "Testmon"), ""); !errors.Is(err, context.Canceled) {
		t.Errorf("CreatePokemon: %v, want context.Canceled", err)
	}
	if got := count(t, s); got != SeedSize {
		t.Errorf("%d species after canceled create, want %d", got, SeedSize)
	}
}

func assertPokemon(t *testing.T, got, want Pokemon) {
	t.Helper()
	same := got.ID == want.ID && got.Name == want.Name && slices.Equal(got.Types, want.Types) &&
		got.Rarity == want.Rarity && got.Stats == want.Stats && got.HeightMeters == want.HeightMeters &&
		got.WeightKilograms == want.WeightKilograms && got.CreateTime.Equal(want.CreateTime) && got.UpdateTime.Equal(want.UpdateTime)
	if !same {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func BenchmarkGetPokemon(b *testing.B) {
	s := openTest(b, tempPath(b))
	ctx := b.Context()
	var id int32
	for b.Loop() {
		id = id%SeedSize + 1
		if _, err := s.GetPokemon(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetPokemonParallel(b *testing.B) {
	s := openTest(b, tempPath(b))
	ctx := b.Context()
	b.RunParallel(func(pb *testing.PB) {
		var id int32
		for pb.Next() {
			id = id%SeedSize + 1
			if _, err := s.GetPokemon(ctx, id); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
