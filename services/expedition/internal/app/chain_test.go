package app_test

// The chain tests run the real binaries, client → expedition → route
// planner and Pokédex, each a separate process on 127.0.0.1:0, and read
// what each hop saw from its JSON log. Each test starts its own processes,
// with the faults and budgets its scenario needs. Timing assertions only
// bound how late something may happen, with margins far above loopback
// latencies, and every wait is bounded.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
)

// margin is how late after its deadline a call may fail, and a stopped
// call may end, for the test still to count it as on time.
const margin = 300 * time.Millisecond

var rpcs = []string{"PlanExpedition", "StreamExpedition"}

// callRPC calls rpc (PlanExpedition, or StreamExpedition read to its end)
// and returns the plans.
func callRPC(ctx context.Context, client expeditionv1.ExpeditionServiceClient, rpc string) ([]*expeditionv1.ExpeditionPlan, error) {
	if rpc == "PlanExpedition" {
		resp, err := client.PlanExpedition(ctx, planRequest())
		return resp.GetPlans(), err
	}
	stream, err := client.StreamExpedition(ctx, streamRequest())
	if err != nil {
		return nil, err
	}
	var plans []*expeditionv1.ExpeditionPlan
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return plans, nil
		}
		if err != nil {
			return plans, err
		}
		plans = append(plans, resp.GetPlan())
	}
}

// deadlineCtx returns a context sending request id id whose deadline is
// timeout from start.
func deadlineCtx(t *testing.T, id string, start time.Time, timeout time.Duration) context.Context {
	ctx, cancel := context.WithDeadline(withRequestID(t.Context(), id), start.Add(timeout))
	t.Cleanup(cancel)
	return ctx
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("err = %v, want %v", err, want)
	}
}

// endedByDeadline reports whether a logged call ended because its deadline
// passed: DEADLINE_EXCEEDED when its own deadline timer fired first,
// CANCELLED when the caller's did and the caller reset the stream first.
func endedByDeadline(l logLine) bool {
	return l.Code == codes.DeadlineExceeded.String() || l.Code == codes.Canceled.String()
}

// TestChainPropagatesDeadlineAndRequestID follows one call through the three
// processes: each hop's budget is what the hop before it had left, and one
// request id names the call in every log.
func TestChainPropagatesDeadlineAndRequestID(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{})
	c.warmUp(t)
	for _, rpc := range rpcs {
		t.Run(rpc, func(t *testing.T) {
			const timeout = 2 * time.Second
			id := newRequestID()
			start := time.Now()
			plans, err := callRPC(deadlineCtx(t, id, start, timeout), c.client, rpc)
			if err != nil {
				t.Fatal(err)
			}
			n := len(plans)
			ranks := make([]int32, n)
			for i, p := range plans {
				ranks[i] = p.GetRank()
				if len(p.GetEncounters()) == 0 || len(p.GetRoute().GetWaypoints()) < 2 {
					t.Errorf("plan %d lacks a route or encounters: %v", i, p)
				}
			}
			if rpc == "StreamExpedition" {
				slices.Sort(ranks) // streamed plans come as they are ready
			}
			if n == 0 || !slices.Equal(ranks, rankRange(n)) {
				t.Errorf("plan ranks %v, want 0..%d best first", ranks, n-1)
			}

			exp := c.expedition.logs.wait(t, "expedition", rpcLine(rpc, id))
			toPlanner := c.expedition.logs.wait(t, "expedition → planner", downstreamLine("GetRoutes", id))
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			toPokedex := c.expedition.logs.waitN(t, "expedition → Pokédex", n, downstreamLine("ListEncounters", id))
			pokedex := c.pokedex.logs.waitN(t, "Pokédex", n, rpcLine("ListEncounters", id))
			for _, l := range append([]logLine{exp, toPlanner, planner}, append(toPokedex, pokedex...)...) {
				if l.Code != "OK" {
					t.Errorf("%s ended %s", l.Method, l.Code)
				}
			}
			// Every Pokédex call starts after the route planner's answer
			// came back: that time comes off the Pokédex's budget.
			client := hop{name: "client", budget: timeout}
			assertBudgetsShrink(t, client, hopOf("expedition", exp), hopOf("expedition→planner", toPlanner), hopOf("planner", planner))
			for i := range n {
				assertBudgetsShrink(t, client, hopOf("expedition", exp),
					hopOf("expedition→Pokédex", toPokedex[i]).after(toPlanner.Duration), hopOf("Pokédex", pokedex[i]))
				assertBudgetsShrink(t, client, hopOf("expedition", exp), hopOf("planner", planner),
					hopOf("Pokédex", pokedex[i]).after(planner.Duration))
			}
		})
	}
}

func rankRange(n int) []int32 {
	r := make([]int32, n)
	for i := range r {
		r[i] = int32(i)
	}
	return r
}

// TestSlowDownstreamFailsAtTheCallersDeadline slows the route planner far
// past the client's deadline: the client fails at its deadline, the planner
// stops its work then too instead of finishing, and the Pokédex is never
// called.
func TestSlowDownstreamFailsAtTheCallersDeadline(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{planner: []string{"-faults", "GetRoutes=2s"}})
	for _, rpc := range rpcs {
		t.Run(rpc, func(t *testing.T) {
			const timeout = 300 * time.Millisecond
			id := newRequestID()
			start := time.Now()
			_, err := callRPC(deadlineCtx(t, id, start, timeout), c.client, rpc)
			elapsed := time.Since(start)
			wantCode(t, err, codes.DeadlineExceeded)
			if elapsed > timeout+margin {
				t.Errorf("the client failed after %v, more than %v past its %v deadline", elapsed, margin, timeout)
			}

			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if !endedByDeadline(planner) || planner.budget() > timeout || planner.Duration > planner.budget()+margin {
				t.Errorf("the planner's call, with a budget of %v, ended %s after %v; want DEADLINE_EXCEEDED or CANCELLED at its deadline, not after its 2s of work",
					planner.budget(), planner.Code, planner.Duration)
			}
			exp := c.expedition.logs.wait(t, "expedition", rpcLine(rpc, id))
			if !endedByDeadline(exp) {
				t.Errorf("the expedition's call ended %s", exp.Code)
			}
			if lines := c.expedition.logs.matching(downstreamLine("ListEncounters", id)); len(lines) > 0 {
				t.Errorf("the expedition called the Pokédex after the deadline:\n%s", lines[0].raw)
			}
			c.pokedex.assertNoCall(t, id)
			t.Logf("client failed after %v; planner (budget %v) stopped after %v with %s; expedition ended %s",
				elapsed.Round(time.Millisecond), planner.budget().Round(time.Millisecond), planner.Duration.Round(time.Millisecond), planner.Code, exp.Code)
		})
	}
}

// TestClientCancelReachesTheLastHop cancels a call while every Pokédex call
// of it is in flight (slowed to 5s), and measures how soon after the
// cancel the Pokédex's calls end CANCELLED.
func TestClientCancelReachesTheLastHop(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{pokedex: []string{"-faults", "ListEncounters=5s"}})
	n := c.routeCount(t)
	// cancelBound is how soon the cancel must reach the last hop; the
	// Pokédex's calls would otherwise run for 5s.
	const cancelBound = time.Second
	for _, rpc := range rpcs {
		t.Run(rpc, func(t *testing.T) {
			id := newRequestID()
			before := c.pokedex.startedCalls(t, "ListEncounters")
			ctx, cancel := context.WithCancel(withRequestID(t.Context(), id))
			defer cancel()
			result := make(chan error, 1)
			go func() {
				_, err := callRPC(ctx, c.client, rpc)
				result <- err
			}()
			waitUntil(t, fmt.Sprintf("%d Pokédex calls in flight", n), func() bool {
				return c.pokedex.startedCalls(t, "ListEncounters") >= before+n
			})
			cancelAt := time.Now()
			cancel()
			select {
			case err := <-result:
				wantCode(t, err, codes.Canceled)
			case <-time.After(waitBound):
				t.Fatal("the cancelled call did not return")
			}

			lines := c.pokedex.logs.waitN(t, "Pokédex", n, rpcLine("ListEncounters", id))
			var worst time.Duration
			for _, l := range lines {
				lag := l.Time.Sub(cancelAt)
				worst = max(worst, lag)
				if l.Code != codes.Canceled.String() || lag > cancelBound {
					t.Errorf("a Pokédex call ended %s %v after the cancel, want CANCELLED within %v", l.Code, lag, cancelBound)
				}
			}
			if exp := c.expedition.logs.wait(t, "expedition", rpcLine(rpc, id)); exp.Code != codes.Canceled.String() {
				t.Errorf("the expedition's call ended %s, want CANCELLED", exp.Code)
			}
			t.Logf("the cancel reached all %d Pokédex calls within %v", n, worst.Round(10*time.Microsecond))
		})
	}
}

// TestNoDownstreamCallOnceTheBudgetIsSpent shows the minimum deadline
// budget at work: a hop with less left than the minimum fails with
// DEADLINE_EXCEEDED and calls no one.
func TestNoDownstreamCallOnceTheBudgetIsSpent(t *testing.T) {
	t.Parallel()
	t.Run("below the minimum at the expedition's door", func(t *testing.T) {
		t.Parallel()
		c := startChain(t, chainFlags{expedition: []string{"-min-deadline-budget", "50ms"}})
		id := newRequestID()
		_, err := c.client.PlanExpedition(deadlineCtx(t, id, time.Now(), 30*time.Millisecond), planRequest())
		wantCode(t, err, codes.DeadlineExceeded)
		c.assertNoDownstreamCall(t, id, "PlanExpedition")
		exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
		if exp.Code != codes.DeadlineExceeded.String() || !strings.Contains(exp.Error, "minimum") {
			t.Errorf("the expedition ended %s (%s), want DEADLINE_EXCEEDED for the minimum budget", exp.Code, exp.Error)
		}
	})
	t.Run("below the minimum after the route planner answered", func(t *testing.T) {
		t.Parallel()
		// 300ms clears the 200ms minimum at the door, but the planner's
		// 150ms leave less than 200ms for the Pokédex.
		c := startChain(t, chainFlags{
			planner:    []string{"-faults", "GetRoutes=150ms"},
			expedition: []string{"-min-deadline-budget", "200ms"},
		})
		// The first call of a fresh process pays for compiling the
		// request's validation rules; under load that alone can take the
		// budget below the minimum before the planner is called.
		c.warmUp(t)
		const timeout = 300 * time.Millisecond
		id := newRequestID()
		start := time.Now()
		_, err := c.client.PlanExpedition(deadlineCtx(t, id, start, timeout), planRequest())
		elapsed := time.Since(start)
		wantCode(t, err, codes.DeadlineExceeded)
		if elapsed >= timeout {
			t.Errorf("the call failed after %v, at its deadline rather than as soon as the budget fell below the minimum", elapsed)
		}
		exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
		if !strings.Contains(exp.Error, "to call the Pokédex") {
			t.Errorf("the expedition ended %s (%s), want the Pokédex hop refused", exp.Code, exp.Error)
		}
		if toPlanner := c.expedition.logs.matching(downstreamLine("GetRoutes", id)); len(toPlanner) != 1 || toPlanner[0].Code != "OK" {
			t.Errorf("want one successful route planner call, got %d", len(toPlanner))
		}
		if lines := c.expedition.logs.matching(downstreamLine("ListEncounters", id)); len(lines) > 0 {
			t.Errorf("the expedition called the Pokédex with too little budget:\n%s", lines[0].raw)
		}
		c.pokedex.assertNoCall(t, id)
		t.Logf("failed after %v of a %v deadline: %s", elapsed.Round(time.Millisecond), timeout, exp.Error)
	})
}

// TestTalkScenarios replays the four deadline scenarios of the talk
// "Microservices with protobuf and gRPC", each with the outcome it
// describes.
func TestTalkScenarios(t *testing.T) {
	t.Parallel()

	t.Run("uniform 500ms timeout per hop against a slow node", func(t *testing.T) {
		t.Parallel()
		// The first hop spends 200ms (injected), the route planner, node
		// B, needs 600ms: more than anyone's 500ms.
		const (
			timeout  = 500 * time.Millisecond
			firstHop = 200 * time.Millisecond
		)
		c := startChain(t, chainFlags{
			planner:    []string{"-faults", "GetRoutes=600ms"},
			expedition: []string{"-faults", "PlanExpedition=" + firstHop.String()},
		})
		_, naive := startNaiveHop(t, c, "PlanExpedition="+firstHop.String(), timeout, timeout)
		// late separates "stopped with the caller" from "worked on": the
		// naive chain's planner works ~200ms past the client's deadline.
		const late = 100 * time.Millisecond

		// The planner is called after the first hop's 200ms, so it is
		// certain that the client had at most 300ms left for it.
		const leftForPlanner = timeout - firstHop

		t.Run("without propagation the slow node works on after the caller gave up", func(t *testing.T) {
			id := newRequestID()
			start := time.Now()
			_, err := naive.PlanExpedition(deadlineCtx(t, id, start, timeout), planRequest())
			failedAt := time.Since(start)
			wantCode(t, err, codes.DeadlineExceeded)
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if planner.budget() < leftForPlanner+late {
				t.Errorf("the planner got a budget of %v: want a fresh 500ms, more than the client's remaining %v", planner.budget(), leftForPlanner)
			}
			if planner.Duration < leftForPlanner+late {
				t.Errorf("the planner worked %v, want it to work on well past the %v its caller could wait", planner.Duration, leftForPlanner)
			}
			t.Logf("client failed at +%v; the planner, given a fresh %v, worked %v (until about +%v, its own timeout) and ended %s, %v after the client gave up",
				failedAt.Round(time.Millisecond), planner.budget().Round(time.Millisecond), planner.Duration.Round(time.Millisecond),
				planner.Time.Sub(start).Round(time.Millisecond), planner.Code, (planner.Time.Sub(start) - failedAt).Round(time.Millisecond))
		})

		t.Run("with propagation the slow node stops with the caller", func(t *testing.T) {
			id := newRequestID()
			start := time.Now()
			_, err := c.client.PlanExpedition(deadlineCtx(t, id, start, timeout), planRequest())
			failedAt := time.Since(start)
			wantCode(t, err, codes.DeadlineExceeded)
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if planner.budget() > leftForPlanner+transitSlack {
				t.Errorf("the planner got a budget of %v, more than the client's remaining %v", planner.budget(), leftForPlanner)
			}
			if !endedByDeadline(planner) || planner.Duration > planner.budget()+late {
				t.Errorf("the planner ended %s after %v of its %v budget, want it stopped at the client's deadline", planner.Code, planner.Duration, planner.budget())
			}
			c.pokedex.assertNoCall(t, id)
			t.Logf("client failed at +%v; the planner, given the remaining %v, stopped after %v (about +%v) with %s",
				failedAt.Round(time.Millisecond), planner.budget().Round(time.Millisecond), planner.Duration.Round(time.Millisecond),
				planner.Time.Sub(start).Round(time.Millisecond), planner.Code)
		})
	})

	t.Run("tight per-hop timeouts fail a chain that would have fit its budget", func(t *testing.T) {
		t.Parallel()
		// The planner answers in 120ms; the Pokédex in a few ms. The whole
		// chain fits in 300ms, but not in a 100ms timeout on the planner hop.
		const budget = 300 * time.Millisecond
		c := startChain(t, chainFlags{planner: []string{"-faults", "GetRoutes=120ms"}})
		c.warmUp(t)
		_, naive := startNaiveHop(t, c, "", 100*time.Millisecond, 100*time.Millisecond)

		t.Run("per-hop timeouts of 100ms fail", func(t *testing.T) {
			id := newRequestID()
			start := time.Now()
			_, err := naive.PlanExpedition(deadlineCtx(t, id, start, budget), planRequest())
			elapsed := time.Since(start)
			wantCode(t, err, codes.DeadlineExceeded)
			if elapsed >= budget {
				t.Errorf("failed after %v; want the hop's own 100ms timeout to fail it with budget to spare", elapsed)
			}
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if planner.budget() > 100*time.Millisecond || !endedByDeadline(planner) {
				t.Errorf("the planner got %v and ended %s, want its hop's 100ms and the deadline", planner.budget(), planner.Code)
			}
			t.Logf("failed after %v of a %v budget: the planner hop's 100ms ran out at the planner's 120ms", elapsed.Round(time.Millisecond), budget)
		})

		t.Run("one propagated 300ms deadline succeeds", func(t *testing.T) {
			id := newRequestID()
			start := time.Now()
			resp, err := c.client.PlanExpedition(deadlineCtx(t, id, start, budget), planRequest())
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("the chain failed after %v: %v", elapsed, err)
			}
			exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			pokedex := c.pokedex.logs.waitN(t, "Pokédex", len(resp.GetPlans()), rpcLine("ListEncounters", id))
			client := hop{name: "client", budget: budget}
			for _, p := range pokedex {
				assertBudgetsShrink(t, client, hopOf("expedition", exp), hopOf("planner", planner), hopOf("Pokédex", p).after(planner.Duration))
			}
			t.Logf("succeeded after %v of %v, with %d plans", elapsed.Round(time.Millisecond), budget, len(resp.GetPlans()))
		})
	})

	t.Run("a 200ms budget spent hop by hop succeeds", func(t *testing.T) {
		t.Parallel()
		// The talk's numbers: the first hop takes 20ms, the next 30ms.
		const (
			budget       = 200 * time.Millisecond
			firstHop     = 20 * time.Millisecond
			secondHop    = 30 * time.Millisecond
			grpcRounding = time.Microsecond // gRPC rounds the timeout it sends up, by at most a unit
		)
		c := startChain(t, chainFlags{
			expedition: []string{"-faults", "PlanExpedition=" + firstHop.String()},
			planner:    []string{"-faults", "GetRoutes=" + secondHop.String()},
		})
		c.warmUp(t)
		id := newRequestID()
		start := time.Now()
		resp, err := c.client.PlanExpedition(deadlineCtx(t, id, start, budget), planRequest())
		if err != nil {
			t.Fatalf("the chain failed: %v", err)
		}
		exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
		planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
		pokedex := c.pokedex.logs.waitN(t, "Pokédex", len(resp.GetPlans()), rpcLine("ListEncounters", id))
		// Each hop's latency comes off the next hop's budget, in full.
		if spent := exp.budget() - planner.budget(); spent < firstHop-grpcRounding {
			t.Errorf("the planner's budget %v is only %v below the expedition's %v; the first hop took %v", planner.budget(), spent, exp.budget(), firstHop)
		}
		client := hop{name: "client", budget: budget}
		for _, p := range pokedex {
			if spent := planner.budget() - p.budget(); spent < secondHop-grpcRounding {
				t.Errorf("the Pokédex's budget %v is only %v below the planner's %v; the planner took %v", p.budget(), spent, planner.budget(), secondHop)
			}
			assertBudgetsShrink(t, client, hopOf("expedition", exp), hopOf("planner", planner).after(firstHop), hopOf("Pokédex", p).after(planner.Duration))
		}
	})

	t.Run("a slow network exhausts the deadline before the first hop", func(t *testing.T) {
		t.Parallel()
		// 100ms of latency on the expedition itself, an 80ms deadline.
		const timeout = 80 * time.Millisecond
		c := startChain(t, chainFlags{expedition: []string{"-faults", "PlanExpedition=100ms"}})
		id := newRequestID()
		start := time.Now()
		_, err := c.client.PlanExpedition(deadlineCtx(t, id, start, timeout), planRequest())
		elapsed := time.Since(start)
		wantCode(t, err, codes.DeadlineExceeded)
		if elapsed > timeout+margin {
			t.Errorf("failed after %v, more than %v past the %v deadline", elapsed, margin, timeout)
		}
		c.assertNoDownstreamCall(t, id, "PlanExpedition")
		exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
		if !endedByDeadline(exp) {
			t.Errorf("the expedition's call ended %s", exp.Code)
		}
		t.Logf("failed after %v; the expedition (budget %v) ended %s; the planner and the Pokédex were never called",
			elapsed.Round(time.Millisecond), exp.budget().Round(time.Millisecond), exp.Code)
	})
}
