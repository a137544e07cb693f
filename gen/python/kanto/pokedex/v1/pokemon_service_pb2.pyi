from buf.validate import validate_pb2 as _validate_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import client_pb2 as _client_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from kanto.pokedex.v1 import pokemon_pb2 as _pokemon_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetPokemonRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class GetPokemonResponse(_message.Message):
    __slots__ = ("pokemon",)
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    pokemon: _pokemon_pb2.Pokemon
    def __init__(self, pokemon: _Optional[_Union[_pokemon_pb2.Pokemon, _Mapping]] = ...) -> None: ...

class ListPokemonRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "type", "rarity")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RARITY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    type: _pokemon_pb2.PokemonType
    rarity: _pokemon_pb2.Rarity
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., type: _Optional[_Union[_pokemon_pb2.PokemonType, str]] = ..., rarity: _Optional[_Union[_pokemon_pb2.Rarity, str]] = ...) -> None: ...

class ListPokemonResponse(_message.Message):
    __slots__ = ("pokemon", "next_page_token", "total_size")
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    pokemon: _containers.RepeatedCompositeFieldContainer[_pokemon_pb2.Pokemon]
    next_page_token: str
    total_size: int
    def __init__(self, pokemon: _Optional[_Iterable[_Union[_pokemon_pb2.Pokemon, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class BatchGetPokemonRequest(_message.Message):
    __slots__ = ("ids",)
    IDS_FIELD_NUMBER: _ClassVar[int]
    ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, ids: _Optional[_Iterable[int]] = ...) -> None: ...

class BatchGetPokemonResponse(_message.Message):
    __slots__ = ("pokemon",)
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    pokemon: _containers.RepeatedCompositeFieldContainer[_pokemon_pb2.Pokemon]
    def __init__(self, pokemon: _Optional[_Iterable[_Union[_pokemon_pb2.Pokemon, _Mapping]]] = ...) -> None: ...

class CreatePokemonRequest(_message.Message):
    __slots__ = ("pokemon", "request_id")
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    pokemon: _pokemon_pb2.Pokemon
    request_id: str
    def __init__(self, pokemon: _Optional[_Union[_pokemon_pb2.Pokemon, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreatePokemonResponse(_message.Message):
    __slots__ = ("pokemon",)
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    pokemon: _pokemon_pb2.Pokemon
    def __init__(self, pokemon: _Optional[_Union[_pokemon_pb2.Pokemon, _Mapping]] = ...) -> None: ...

class UpdatePokemonRequest(_message.Message):
    __slots__ = ("pokemon", "update_mask")
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    pokemon: _pokemon_pb2.Pokemon
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, pokemon: _Optional[_Union[_pokemon_pb2.Pokemon, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdatePokemonResponse(_message.Message):
    __slots__ = ("pokemon",)
    POKEMON_FIELD_NUMBER: _ClassVar[int]
    pokemon: _pokemon_pb2.Pokemon
    def __init__(self, pokemon: _Optional[_Union[_pokemon_pb2.Pokemon, _Mapping]] = ...) -> None: ...

class DeletePokemonRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class DeletePokemonResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListEncountersRequest(_message.Message):
    __slots__ = ("place_ids",)
    PLACE_IDS_FIELD_NUMBER: _ClassVar[int]
    place_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, place_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListEncountersResponse(_message.Message):
    __slots__ = ("encounters",)
    ENCOUNTERS_FIELD_NUMBER: _ClassVar[int]
    encounters: _containers.RepeatedCompositeFieldContainer[_pokemon_pb2.Encounter]
    def __init__(self, encounters: _Optional[_Iterable[_Union[_pokemon_pb2.Encounter, _Mapping]]] = ...) -> None: ...
