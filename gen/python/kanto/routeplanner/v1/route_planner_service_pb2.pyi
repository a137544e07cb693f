import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import client_pb2 as _client_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from kanto.geo.v1 import geo_pb2 as _geo_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Waypoint(_message.Message):
    __slots__ = ("place", "name", "location")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    place: _geo_pb2.PlaceRef
    name: str
    location: _geo_pb2.Location
    def __init__(self, place: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., name: _Optional[str] = ..., location: _Optional[_Union[_geo_pb2.Location, _Mapping]] = ...) -> None: ...

class Route(_message.Message):
    __slots__ = ("waypoints", "distance_km", "estimated_duration")
    WAYPOINTS_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_DURATION_FIELD_NUMBER: _ClassVar[int]
    waypoints: _containers.RepeatedCompositeFieldContainer[Waypoint]
    distance_km: float
    estimated_duration: _duration_pb2.Duration
    def __init__(self, waypoints: _Optional[_Iterable[_Union[Waypoint, _Mapping]]] = ..., distance_km: _Optional[float] = ..., estimated_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GetRoutesRequest(_message.Message):
    __slots__ = ("origin", "destination", "max_routes")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MAX_ROUTES_FIELD_NUMBER: _ClassVar[int]
    origin: _geo_pb2.PlaceRef
    destination: _geo_pb2.PlaceRef
    max_routes: int
    def __init__(self, origin: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., destination: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., max_routes: _Optional[int] = ...) -> None: ...

class GetRoutesResponse(_message.Message):
    __slots__ = ("routes",)
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[Route]
    def __init__(self, routes: _Optional[_Iterable[_Union[Route, _Mapping]]] = ...) -> None: ...

class WatchRoutesRequest(_message.Message):
    __slots__ = ("origin", "destination", "max_updates")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MAX_UPDATES_FIELD_NUMBER: _ClassVar[int]
    origin: _geo_pb2.PlaceRef
    destination: _geo_pb2.PlaceRef
    max_updates: int
    def __init__(self, origin: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., destination: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., max_updates: _Optional[int] = ...) -> None: ...

class Condition(_message.Message):
    __slots__ = ("place", "closed", "congestion_factor", "reason")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    CONGESTION_FACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    place: _geo_pb2.PlaceRef
    closed: bool
    congestion_factor: float
    reason: str
    def __init__(self, place: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., closed: _Optional[bool] = ..., congestion_factor: _Optional[float] = ..., reason: _Optional[str] = ...) -> None: ...

class WatchRoutesResponse(_message.Message):
    __slots__ = ("route", "conditions", "observe_time")
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    OBSERVE_TIME_FIELD_NUMBER: _ClassVar[int]
    route: Route
    conditions: _containers.RepeatedCompositeFieldContainer[Condition]
    observe_time: _timestamp_pb2.Timestamp
    def __init__(self, route: _Optional[_Union[Route, _Mapping]] = ..., conditions: _Optional[_Iterable[_Union[Condition, _Mapping]]] = ..., observe_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordTripRequest(_message.Message):
    __slots__ = ("location", "record_time")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_TIME_FIELD_NUMBER: _ClassVar[int]
    location: _geo_pb2.Location
    record_time: _timestamp_pb2.Timestamp
    def __init__(self, location: _Optional[_Union[_geo_pb2.Location, _Mapping]] = ..., record_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RecordTripResponse(_message.Message):
    __slots__ = ("point_count", "distance_km", "elapsed_time", "visited_places")
    POINT_COUNT_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    ELAPSED_TIME_FIELD_NUMBER: _ClassVar[int]
    VISITED_PLACES_FIELD_NUMBER: _ClassVar[int]
    point_count: int
    distance_km: float
    elapsed_time: _duration_pb2.Duration
    visited_places: _containers.RepeatedCompositeFieldContainer[_geo_pb2.PlaceRef]
    def __init__(self, point_count: _Optional[int] = ..., distance_km: _Optional[float] = ..., elapsed_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., visited_places: _Optional[_Iterable[_Union[_geo_pb2.PlaceRef, _Mapping]]] = ...) -> None: ...

class NavigateRequest(_message.Message):
    __slots__ = ("location", "destination")
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    location: _geo_pb2.Location
    destination: _geo_pb2.PlaceRef
    def __init__(self, location: _Optional[_Union[_geo_pb2.Location, _Mapping]] = ..., destination: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ...) -> None: ...

class NavigateResponse(_message.Message):
    __slots__ = ("instruction", "next_place", "distance_to_next_km", "route", "rerouted", "arrived")
    INSTRUCTION_FIELD_NUMBER: _ClassVar[int]
    NEXT_PLACE_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_TO_NEXT_KM_FIELD_NUMBER: _ClassVar[int]
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    REROUTED_FIELD_NUMBER: _ClassVar[int]
    ARRIVED_FIELD_NUMBER: _ClassVar[int]
    instruction: str
    next_place: _geo_pb2.PlaceRef
    distance_to_next_km: float
    route: Route
    rerouted: bool
    arrived: bool
    def __init__(self, instruction: _Optional[str] = ..., next_place: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., distance_to_next_km: _Optional[float] = ..., route: _Optional[_Union[Route, _Mapping]] = ..., rerouted: _Optional[bool] = ..., arrived: _Optional[bool] = ...) -> None: ...
