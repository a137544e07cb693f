package kanto

import (
	"context"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	"google.golang.org/grpc"
)

// An ExpeditionClient calls the expedition planner
// (kanto.expedition.v1.ExpeditionService), which chains the route planner
// and the Pokédex within the caller's deadline. Get it from
// [Client.Expedition]; it is safe for concurrent use.
type ExpeditionClient struct {
	stub expeditionv1.ExpeditionServiceClient
}

func newExpeditionClient(cc grpc.ClientConnInterface) *ExpeditionClient {
	return &ExpeditionClient{stub: expeditionv1.NewExpeditionServiceClient(cc)}
}

// PlanExpedition returns every planned route with its likely encounters,
// once all are known. It fails fast with DEADLINE_EXCEEDED when the
// deadline leaves the service too little time for its own calls.
func (c *ExpeditionClient) PlanExpedition(ctx context.Context, req *expeditionv1.PlanExpeditionRequest, opts ...grpc.CallOption) (*expeditionv1.PlanExpeditionResponse, error) {
	return c.stub.PlanExpedition(ctx, req, opts...)
}

// StreamExpedition opens a server stream of each route's plan as soon as
// its encounters are known; plans arrive out of order, so use their rank.
// Read it with Recv until io.EOF or an error.
func (c *ExpeditionClient) StreamExpedition(ctx context.Context, req *expeditionv1.StreamExpeditionRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[expeditionv1.StreamExpeditionResponse], error) {
	return c.stub.StreamExpedition(ctx, req, opts...)
}
