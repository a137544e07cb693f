from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import client_pb2 as _client_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from kanto.geo.v1 import geo_pb2 as _geo_pb2
from kanto.pokedex.v1 import pokemon_pb2 as _pokemon_pb2
from kanto.routeplanner.v1 import route_planner_service_pb2 as _route_planner_service_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PlanExpeditionRequest(_message.Message):
    __slots__ = ("origin", "destination", "max_routes")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MAX_ROUTES_FIELD_NUMBER: _ClassVar[int]
    origin: _geo_pb2.PlaceRef
    destination: _geo_pb2.PlaceRef
    max_routes: int
    def __init__(self, origin: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., destination: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., max_routes: _Optional[int] = ...) -> None: ...

class ExpeditionPlan(_message.Message):
    __slots__ = ("route", "encounters", "rank")
    ROUTE_FIELD_NUMBER: _ClassVar[int]
    ENCOUNTERS_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    route: _route_planner_service_pb2.Route
    encounters: _containers.RepeatedCompositeFieldContainer[_pokemon_pb2.Encounter]
    rank: int
    def __init__(self, route: _Optional[_Union[_route_planner_service_pb2.Route, _Mapping]] = ..., encounters: _Optional[_Iterable[_Union[_pokemon_pb2.Encounter, _Mapping]]] = ..., rank: _Optional[int] = ...) -> None: ...

class PlanExpeditionResponse(_message.Message):
    __slots__ = ("plans",)
    PLANS_FIELD_NUMBER: _ClassVar[int]
    plans: _containers.RepeatedCompositeFieldContainer[ExpeditionPlan]
    def __init__(self, plans: _Optional[_Iterable[_Union[ExpeditionPlan, _Mapping]]] = ...) -> None: ...

class StreamExpeditionRequest(_message.Message):
    __slots__ = ("origin", "destination", "max_routes")
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    MAX_ROUTES_FIELD_NUMBER: _ClassVar[int]
    origin: _geo_pb2.PlaceRef
    destination: _geo_pb2.PlaceRef
    max_routes: int
    def __init__(self, origin: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., destination: _Optional[_Union[_geo_pb2.PlaceRef, _Mapping]] = ..., max_routes: _Optional[int] = ...) -> None: ...

class StreamExpeditionResponse(_message.Message):
    __slots__ = ("plan",)
    PLAN_FIELD_NUMBER: _ClassVar[int]
    plan: ExpeditionPlan
    def __init__(self, plan: _Optional[_Union[ExpeditionPlan, _Mapping]] = ...) -> None: ...
