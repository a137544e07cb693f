package reliability

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"github.com/kanto-api/kanto/services/launcher"
	"google.golang.org/grpc/codes"
)

// TestContention runs 50 writers and 50 readers at once against the
// Pokédex on its SQLite store: every write and every read succeeds, and
// no SQLITE_BUSY (or any other error of the store) reaches a client. Each
// writer creates, updates and deletes species of its own, so every failure
// would be the store's.
func TestContention(t *testing.T) {
	t.Parallel()
	const writers, readers, rounds = 50, 50, 20
	const token = "kanto-contention-token"
	env := startKanto(t, launcher.Setting{Binary: "pokedex", Flag: "curator-token", Value: token, Override: true})
	client, err := pokedexv1kanto.DialPokemon(kanto.WithInsecure(), kanto.WithToken(token),
		kanto.WithTarget(env.Targets[pokedexv1kanto.PokemonServiceInfo.Name]))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	ctx := t.Context()

	var mu sync.Mutex // guards failures
	var failures []string
	fail := func(what string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf("%s: %v", what, err))
		}
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for r := range rounds {
				id := int32(3000 + w*rounds + r)
				name := "Contentmon " + strconv.Itoa(int(id))
				if _, err := client.CreatePokemon(ctx, &pokedexv1.CreatePokemonRequest{Pokemon: species(id, name)}); err != nil {
					fail("create", err)
					continue
				}
				p := species(id, name+" II")
				if _, err := client.UpdatePokemon(ctx, &pokedexv1.UpdatePokemonRequest{Pokemon: p}); err != nil {
					fail("update", err)
				}
				if r%2 == 0 {
					if _, err := client.DeletePokemon(ctx, &pokedexv1.DeletePokemonRequest{Id: id}); err != nil {
						fail("delete", err)
					}
				}
			}
		})
	}
	for r := range readers {
		wg.Go(func() {
			for i := range rounds * 3 {
				if _, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: int32((r*rounds+i)%1025 + 1)}); err != nil {
					fail("get", err)
				}
				if i%10 == 0 {
					for _, err := range client.ListPokemonPages(ctx, &pokedexv1.ListPokemonRequest{PageSize: 500}) {
						if err != nil {
							fail("list", err)
							break
						}
					}
				}
			}
		})
	}
	wg.Wait()
	for _, f := range failures {
		if strings.Contains(f, "SQLITE_BUSY") || strings.Contains(f, "database is locked") {
			t.Errorf("SQLITE_BUSY reached a client: %s", f)
		}
	}
	if len(failures) > 0 {
		t.Fatalf("%d writers and %d readers at once: calls failed:\n%s", writers, readers, strings.Join(failures, "\n"))
	}
	// Every write is there: half the species of each writer were kept.
	kept := 0
	for p, err := range client.ListPokemonItems(ctx, &pokedexv1.ListPokemonRequest{PageSize: 1000}) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(p.GetName(), "Contentmon ") {
			kept++
			if !strings.HasSuffix(p.GetName(), " II") {
				t.Errorf("%s: its update is lost", p.GetName())
			}
		}
	}
	if kept != writers*rounds/2 {
		t.Errorf("%d species kept, want %d", kept, writers*rounds/2)
	}
	if _, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 3000}); kanto.Code(err) != codes.NotFound {
		t.Errorf("a deleted species: %v, want NOT_FOUND", err)
	}
}

func species(id int32, name string) *pokedexv1.Pokemon {
	return &pokedexv1.Pokemon{
		Id: id, Name: name, Types: []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_ROCK},
		Rarity: pokedexv1.Rarity_RARITY_NORMAL, HeightMeters: 1, WeightKilograms: 1,
		BaseStats: &pokedexv1.BaseStats{Hp: 10, Attack: 10, Defense: 10, SpecialAttack: 10, SpecialDefense: 10, Speed: 10},
	}
}
