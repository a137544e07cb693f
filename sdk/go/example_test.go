package kanto_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"time"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The services of `make run` and kanto-testenv listen on 127.0.0.1 without
// TLS; the Examples that call them have no Output comment, so `go test`
// compiles them but does not run them.

func ExampleNewClient() {
	// One target per service, since they run as separate processes. In
	// production, leave out WithInsecure: TLS is the default.
	client, err := kanto.NewClient("127.0.0.1:50051",
		kanto.WithRoutePlannerTarget("127.0.0.1:50052"),
		kanto.WithExpeditionTarget("127.0.0.1:50053"),
		kanto.WithInsecure(),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Pokedex().GetPokemon(context.Background(), &pokedexv1.GetPokemonRequest{Id: 25})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Pokemon #%d is %s\n", resp.GetPokemon().GetId(), resp.GetPokemon().GetName())
}

// NewClient checks its options once, before any call.
func ExampleNewClient_invalidOptions() {
	_, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure(), kanto.WithToken("secret"))
	fmt.Println(err)
	// Output:
	// kanto: WithToken needs TLS; to send a token over a plaintext connection (local development only) use WithInsecureToken
}

// A curator token for the Pokédex's write methods, over TLS with the
// system's root certificates.
func ExampleWithToken() {
	client, err := kanto.NewClient("pokedex.example.com:443", kanto.WithToken("curator-token"))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	// Connections are lazy: nothing is dialled before the first call.
	fmt.Println("ready")
	// Output: ready
}

func ExamplePokedexClient_GetPokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	// Without a deadline of its own the call gets the service config's
	// timeout for GetPokemon; a shorter one of the caller's wins.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	resp, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
	if kanto.Code(err) == codes.NotFound {
		fmt.Println("no such Pokémon")
		return
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Pokemon #%d is %s\n", resp.GetPokemon().GetId(), resp.GetPokemon().GetName())
}

func ExamplePokedexClient_ListPokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	// One page; AllPokemon follows next_page_token for you.
	resp, err := client.Pokedex().ListPokemon(context.Background(), &pokedexv1.ListPokemonRequest{PageSize: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range resp.GetPokemon() {
		fmt.Println(p.GetId(), p.GetName())
	}
	fmt.Println("total:", resp.GetTotalSize(), "next page:", resp.GetNextPageToken() != "")
}

// Pagination: every legendary Psychic-type species, across all pages.
func ExamplePokedexClient_AllPokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	req := &pokedexv1.ListPokemonRequest{
		PageSize: 2,
		Type:     pokedexv1.PokemonType_POKEMON_TYPE_PSYCHIC,
		Rarity:   pokedexv1.Rarity_RARITY_LEGENDARY,
	}
	for p, err := range client.Pokedex().AllPokemon(context.Background(), req) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.GetId(), p.GetName())
	}
}

func ExamplePokedexClient_BatchGetPokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Pokedex().BatchGetPokemon(context.Background(), &pokedexv1.BatchGetPokemonRequest{Ids: []int32{1, 4, 7}})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range resp.GetPokemon() {
		fmt.Println(p.GetName())
	}
}

// Writes need the curator token. The SDK fills request_id, so gRPC's
// retries on UNAVAILABLE cannot create the species twice.
func ExamplePokedexClient_CreatePokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051",
		kanto.WithInsecure(),
		kanto.WithInsecureToken("kanto-test-curator-token"), // local servers only
	)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Pokedex().CreatePokemon(context.Background(), &pokedexv1.CreatePokemonRequest{
		Pokemon: &pokedexv1.Pokemon{
			Id:              2001,
			Name:            "Kantomon",
			Types:           []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_DRAGON},
			Rarity:          pokedexv1.Rarity_RARITY_NORMAL,
			BaseStats:       &pokedexv1.BaseStats{Hp: 80, Attack: 70, Defense: 60, SpecialAttack: 90, SpecialDefense: 75, Speed: 95},
			HeightMeters:    1.4,
			WeightKilograms: 42.5,
		},
	})
	switch kanto.Code(err) {
	case codes.OK:
		fmt.Println("created", resp.GetPokemon().GetName())
	case codes.AlreadyExists:
		fmt.Println("already there")
	case codes.InvalidArgument:
		for _, v := range kanto.FieldViolations(err) {
			fmt.Printf("%s: %s\n", v.Field, v.Description)
		}
	default:
		log.Fatal(err)
	}
}

func ExamplePokedexClient_UpdatePokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure(), kanto.WithInsecureToken("kanto-test-curator-token"))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Pokedex().UpdatePokemon(context.Background(), &pokedexv1.UpdatePokemonRequest{
		Pokemon: &pokedexv1.Pokemon{Id: 2001, Name: "Kantomon Prime"},
		// Only the name changes; an empty mask would change every writable
		// field.
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.GetPokemon().GetName())
}

func ExamplePokedexClient_DeletePokemon() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure(), kanto.WithInsecureToken("kanto-test-curator-token"))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	_, err = client.Pokedex().DeletePokemon(context.Background(), &pokedexv1.DeletePokemonRequest{Id: 2001})
	if err != nil && kanto.Code(err) != codes.NotFound {
		log.Fatal(err)
	}
}

func ExamplePokedexClient_ListEncounters() {
	client, err := kanto.NewClient("127.0.0.1:50051", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Pokedex().ListEncounters(context.Background(), &pokedexv1.ListEncountersRequest{PlaceIds: []string{"route-1"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range resp.GetEncounters() {
		fmt.Printf("%s: %s (%d%%)\n", e.GetPlaceId(), e.GetPokemon().GetName(), e.GetRatePercent())
	}
}

func ExampleRoutePlannerClient_GetRoutes() {
	client, err := kanto.NewClient("127.0.0.1:50052", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.RoutePlanner().GetRoutes(context.Background(), &routeplannerv1.GetRoutesRequest{
		Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
		Destination: &geov1.PlaceRef{PlaceId: "cerulean-city"},
		MaxRoutes:   2,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range resp.GetRoutes() {
		fmt.Printf("%.1f km via %d places\n", r.GetDistanceKm(), len(r.GetWaypoints()))
	}
}

// Server streaming: the best route from Pallet Town to Cerulean City, and
// each new best route as conditions change, three in all.
func ExampleRoutePlannerClient_WatchRoutes() {
	client, err := kanto.NewClient("127.0.0.1:50052", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	// Streams get no default deadline: bound this one.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stream, err := client.RoutePlanner().WatchRoutes(ctx, &routeplannerv1.WatchRoutesRequest{
		Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
		Destination: &geov1.PlaceRef{PlaceId: "cerulean-city"},
		MaxUpdates:  3,
	})
	if err != nil {
		log.Fatal(err)
	}
	for {
		update, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("best route: %.1f km, %d conditions\n", update.GetRoute().GetDistanceKm(), len(update.GetConditions()))
	}
}

// Client streaming: report locations, then read the summary.
func ExampleRoutePlannerClient_RecordTrip() {
	client, err := kanto.NewClient("127.0.0.1:50052", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err := client.RoutePlanner().RecordTrip(ctx)
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	for i, loc := range []*geov1.Location{
		{Latitude: 35.452, Longitude: 139.06}, // Pallet Town
		{Latitude: 35.584, Longitude: 139.06}, // Route 1
		{Latitude: 35.716, Longitude: 139.06}, // Viridian City
	} {
		err := stream.Send(&routeplannerv1.RecordTripRequest{
			Location:   loc,
			RecordTime: timestamppb.New(start.Add(time.Duration(i) * time.Hour)),
		})
		if err != nil {
			break // the server ended the call: CloseAndRecv returns why
		}
	}
	summary, err := stream.CloseAndRecv()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d points, %.1f km\n", summary.GetPointCount(), summary.GetDistanceKm())
}

// Bidirectional streaming: one instruction per location sent.
func ExampleRoutePlannerClient_Navigate() {
	client, err := kanto.NewClient("127.0.0.1:50052", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err := client.RoutePlanner().Navigate(ctx)
	if err != nil {
		log.Fatal(err)
	}
	destination := &geov1.PlaceRef{PlaceId: "viridian-city"}
	for _, loc := range []*geov1.Location{
		{Latitude: 35.452, Longitude: 139.06}, // Pallet Town
		{Latitude: 35.584, Longitude: 139.06}, // Route 1
	} {
		if err := stream.Send(&routeplannerv1.NavigateRequest{Location: loc, Destination: destination}); err != nil {
			break
		}
		answer, err := stream.Recv()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(answer.GetInstruction())
	}
	if err := stream.CloseSend(); err != nil {
		log.Fatal(err)
	}
}

func ExampleExpeditionClient_PlanExpedition() {
	client, err := kanto.NewClient("127.0.0.1:50053", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	resp, err := client.Expedition().PlanExpedition(context.Background(), &expeditionv1.PlanExpeditionRequest{
		Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
		Destination: &geov1.PlaceRef{PlaceId: "pewter-city"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, plan := range resp.GetPlans() {
		fmt.Printf("route %d: %d encounters\n", plan.GetRank(), len(plan.GetEncounters()))
	}
}

func ExampleExpeditionClient_StreamExpedition() {
	client, err := kanto.NewClient("127.0.0.1:50053", kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err := client.Expedition().StreamExpedition(ctx, &expeditionv1.StreamExpeditionRequest{
		Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
		Destination: &geov1.PlaceRef{PlaceId: "pewter-city"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("route %d is ready\n", msg.GetPlan().GetRank())
	}
}

// FieldViolations reads the google.rpc.BadRequest detail of an
// INVALID_ARGUMENT error, here one built by hand as the Pokédex sends it.
func ExampleFieldViolations() {
	st, _ := status.New(codes.InvalidArgument, "invalid request").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: "pokemon.name", Reason: "string.min_len", Description: "value length must be at least 1 characters"},
			{Field: "pokemon.types", Reason: "repeated.min_items", Description: "value must contain at least 1 item(s)"},
		},
	})
	err := fmt.Errorf("creating Kantomon: %w", st.Err())

	fmt.Println(kanto.Code(err))
	for _, v := range kanto.FieldViolations(err) {
		fmt.Printf("%s (%s)\n", v.Field, v.Reason)
	}
	// Output:
	// InvalidArgument
	// pokemon.name (string.min_len)
	// pokemon.types (repeated.min_items)
}

func ExampleCode() {
	fmt.Println(kanto.Code(nil))
	fmt.Println(kanto.Code(status.Error(codes.NotFound, "pokemon 9999 not found")))
	fmt.Println(kanto.Code(context.DeadlineExceeded))
	// Output:
	// OK
	// NotFound
	// DeadlineExceeded
}

func ExampleNewRequestID() {
	id := kanto.NewRequestID()
	fmt.Println(len(id), id[14:15])
	// Output: 36 4
}
