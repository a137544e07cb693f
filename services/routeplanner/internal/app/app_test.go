package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"testing"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/routeplanner/internal/app"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

func start(t *testing.T, cfg app.Config) routeplannerv1.RoutePlannerServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Server.GRPCListener = lis
	cfg.Server.MetricsAddr = ""
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return routeplannerv1.NewRoutePlannerServiceClient(conn)
}

func place(id string) *geov1.PlaceRef { return &geov1.PlaceRef{PlaceId: id} }

func TestKantoMap(t *testing.T) {
	t.Parallel()
	client := start(t, app.DefaultConfig())
	resp, err := client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: place("pallet-town"), Destination: place("cerulean-city")})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(resp.GetRoutes()); n != 3 {
		t.Errorf("got %d routes, want the default 3", n)
	}
	_, err = client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: place("pallet-town"), Destination: place("pallet-town")})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument {
		t.Errorf("same origin and destination: %v, want InvalidArgument from the schema's rule", err)
	}
}

func TestGraphFile(t *testing.T) {
	t.Parallel()
	g, err := graph.Generate(graph.GenerateConfig{Nodes: 400, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "small.kgraph")
	if err := g.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	cfg := app.DefaultConfig()
	cfg.GraphFile = path
	client := start(t, cfg)
	from, to := g.ID(0), g.ID(graph.NodeID(g.NumNodes()-1))
	resp, err := client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: place(from), Destination: place(to), MaxRoutes: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.GetRoutes()
	if len(r) != 2 || r[0].GetWaypoints()[0].GetPlace().GetPlaceId() != from || r[0].GetEstimatedDuration().AsDuration() > r[1].GetEstimatedDuration().AsDuration() {
		t.Errorf("routes on the generated graph = %v", r)
	}
	if _, err := client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: place("pallet-town"), Destination: place(to)}); status.Code(err) != codes.NotFound {
		t.Errorf("a Kanto place on a custom graph: %v, want NotFound", err)
	}
}
