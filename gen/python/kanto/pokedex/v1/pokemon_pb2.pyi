import datetime

from buf.validate import validate_pb2 as _validate_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Rarity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RARITY_UNSPECIFIED: _ClassVar[Rarity]
    RARITY_NORMAL: _ClassVar[Rarity]
    RARITY_LEGENDARY: _ClassVar[Rarity]
    RARITY_MYTHIC: _ClassVar[Rarity]

class PokemonType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    POKEMON_TYPE_UNSPECIFIED: _ClassVar[PokemonType]
    POKEMON_TYPE_NORMAL: _ClassVar[PokemonType]
    POKEMON_TYPE_FIRE: _ClassVar[PokemonType]
    POKEMON_TYPE_WATER: _ClassVar[PokemonType]
    POKEMON_TYPE_ELECTRIC: _ClassVar[PokemonType]
    POKEMON_TYPE_GRASS: _ClassVar[PokemonType]
    POKEMON_TYPE_ICE: _ClassVar[PokemonType]
    POKEMON_TYPE_FIGHTING: _ClassVar[PokemonType]
    POKEMON_TYPE_POISON: _ClassVar[PokemonType]
    POKEMON_TYPE_GROUND: _ClassVar[PokemonType]
    POKEMON_TYPE_FLYING: _ClassVar[PokemonType]
    POKEMON_TYPE_PSYCHIC: _ClassVar[PokemonType]
    POKEMON_TYPE_BUG: _ClassVar[PokemonType]
    POKEMON_TYPE_ROCK: _ClassVar[PokemonType]
    POKEMON_TYPE_GHOST: _ClassVar[PokemonType]
    POKEMON_TYPE_DRAGON: _ClassVar[PokemonType]
    POKEMON_TYPE_DARK: _ClassVar[PokemonType]
    POKEMON_TYPE_STEEL: _ClassVar[PokemonType]
    POKEMON_TYPE_FAIRY: _ClassVar[PokemonType]
RARITY_UNSPECIFIED: Rarity
RARITY_NORMAL: Rarity
RARITY_LEGENDARY: Rarity
RARITY_MYTHIC: Rarity
POKEMON_TYPE_UNSPECIFIED: PokemonType
POKEMON_TYPE_NORMAL: PokemonType
POKEMON_TYPE_FIRE: PokemonType
POKEMON_TYPE_WATER: PokemonType
POKEMON_TYPE_ELECTRIC: PokemonType
POKEMON_TYPE_GRASS: PokemonType
POKEMON_TYPE_ICE: PokemonType
POKEMON_TYPE_FIGHTING: PokemonType
POKEMON_TYPE_POISON: PokemonType
POKEMON_TYPE_GROUND: PokemonType
POKEMON_TYPE_FLYING: PokemonType
POKEMON_TYPE_PSYCHIC: PokemonType
POKEMON_TYPE_BUG: PokemonType
POKEMON_TYPE_ROCK: PokemonType
POKEMON_TYPE_GHOST: PokemonType
POKEMON_TYPE_DRAGON: PokemonType
POKEMON_TYPE_DARK: PokemonType
POKEMON_TYPE_STEEL: PokemonType
POKEMON_TYPE_FAIRY: PokemonType

class BaseStats(_message.Message):
    __slots__ = ("hp", "attack", "defense", "special_attack", "special_defense", "speed")
    HP_FIELD_NUMBER: _ClassVar[int]
    ATTACK_FIELD_NUMBER: _ClassVar[int]
    DEFENSE_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_ATTACK_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_DEFENSE_FIELD_NUMBER: _ClassVar[int]
    SPEED_FIELD_NUMBER: _ClassVar[int]
    hp: int
    attack: int
    defense: int
    special_attack: int
    special_defense: int
    speed: int
    def __init__(self, hp: _Optional[int] = ..., attack: _Optional[int] = ..., defense: _Optional[int] = ..., special_attack: _Optional[int] = ..., special_defense: _Optional[int] = ..., speed: _Optional[int] = ...) -> None: ...

class Pokemon(_message.Message):
    __slots__ = ("id", "name", "types", "rarity", "base_stats", "height_meters", "weight_kilograms", "create_time", "update_time")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    RARITY_FIELD_NUMBER: _ClassVar[int]
    BASE_STATS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_METERS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KILOGRAMS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    types: _containers.RepeatedScalarFieldContainer[PokemonType]
    rarity: Rarity
    base_stats: BaseStats
    height_meters: float
    weight_kilograms: float
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., types: _Optional[_Iterable[_Union[PokemonType, str]]] = ..., rarity: _Optional[_Union[Rarity, str]] = ..., base_stats: _Optional[_Union[BaseStats, _Mapping]] = ..., height_meters: _Optional[float] = ..., weight_kilograms: _Optional[float] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Encounter(_message.Message):
    __slots__ = ("place_id", "pokemon", "rate_percent", "min_level", "max_level")
    PLACE_ID_FIELD_NUMBER: _ClassVar[int]
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    RATE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    MIN_LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_LEVEL_FIELD_NUMBER: _ClassVar[int]
    place_id: str
    pokemon: Pokemon
    rate_percent: int
    min_level: int
    max_level: int
    def __init__(self, place_id: _Optional[str] = ..., pokemon: _Optional[_Union[Pokemon, _Mapping]] = ..., rate_percent: _Optional[int] = ..., min_level: _Optional[int] = ..., max_level: _Optional[int] = ...) -> None: ...
