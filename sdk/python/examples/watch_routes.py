"""Follows the best route from Pallet Town to Cerulean City with the
server-streaming WatchRoutes: prints each best route as it arrives, and
stops after --updates routes.

Usage: python watch_routes.py [--addr HOST:PORT] [--updates N]
(default $KANTO_ROUTEPLANNER_ADDR, else 127.0.0.1:50052)
"""

from __future__ import annotations

import argparse
import os
import sys

import grpc

import kanto
from kanto.geo.v1 import geo_pb2
from kanto.routeplanner.v1 import route_planner_service_pb2 as routeplanner


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--addr",
        default=os.environ.get("KANTO_ROUTEPLANNER_ADDR", "127.0.0.1:50052"),
        help="host:port of the route planner",
    )
    parser.add_argument("--updates", type=int, default=2, help="routes to wait for")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to watch at most")
    args = parser.parse_args()

    request = routeplanner.WatchRoutesRequest(
        origin=geo_pb2.PlaceRef(place_id="pallet-town"),
        destination=geo_pb2.PlaceRef(place_id="cerulean-city"),
        max_updates=args.updates,
    )
    # Leaving the with block closes the client and cancels the call, even
    # if the loop is left early. `make run` serves plaintext on 127.0.0.1:
    # insecure=True (the SDK's default is TLS).
    with (
        kanto.RoutePlannerClient(args.addr, insecure=True) as client,
        client.watch_routes(request, timeout=args.timeout) as stream,
    ):
        try:
            for update in stream:
                names = " -> ".join(w.name for w in update.route.waypoints)
                minutes = update.route.estimated_duration.ToTimedelta().total_seconds() / 60
                print(f"{update.route.distance_km:.1f} km, {minutes:.0f} min: {names}")
        except kanto.KantoError as e:
            if e.code == grpc.StatusCode.DEADLINE_EXCEEDED:
                print(f"no new route within {args.timeout:g} s")
                return 0
            print(f"WatchRoutes failed: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
