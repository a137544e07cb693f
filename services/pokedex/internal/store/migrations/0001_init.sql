-- 0001_init creates the Pokédex tables. Migrations run in one transaction
-- each, in file-name order, and are recorded in schema_migrations; never edit
-- a released migration, add the next number instead.
--
-- Enums are stored as their kanto.pokedex.v1 numbers: the numbers are the
-- stable wire identity of a value, while names may still be renamed.
-- Times are Unix nanoseconds, UTC.

CREATE TABLE pokemon (
  id               INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 9999),
  -- NOCASE makes "pikachu" clash with "Pikachu". SQLite folds ASCII only,
  -- so "FLABÉBÉ" and "Flabébé" would not clash; no seeded name needs more.
  name             TEXT    NOT NULL UNIQUE COLLATE NOCASE
                           CHECK (length(name) BETWEEN 1 AND 64),
  -- A species has one or two types; two columns (not a join table) keep a
  -- read one row, and "either slot" filters are an OR of two indexes.
  type1            INTEGER NOT NULL CHECK (type1 BETWEEN 1 AND 18),
  type2            INTEGER CHECK (type2 IS NULL OR (type2 BETWEEN 1 AND 18 AND type2 <> type1)),
  rarity           INTEGER NOT NULL CHECK (rarity BETWEEN 1 AND 3),
  hp               INTEGER NOT NULL CHECK (hp BETWEEN 1 AND 255),
  attack           INTEGER NOT NULL CHECK (attack BETWEEN 1 AND 255),
  defense          INTEGER NOT NULL CHECK (defense BETWEEN 1 AND 255),
  special_attack   INTEGER NOT NULL CHECK (special_attack BETWEEN 1 AND 255),
  special_defense  INTEGER NOT NULL CHECK (special_defense BETWEEN 1 AND 255),
  speed            INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 255),
  height_meters    REAL    NOT NULL CHECK (height_meters > 0 AND height_meters <= 1000),
  weight_kilograms REAL    NOT NULL CHECK (weight_kilograms > 0 AND weight_kilograms <= 10000),
  create_time      INTEGER NOT NULL,
  update_time      INTEGER NOT NULL
) STRICT;

CREATE INDEX pokemon_type1 ON pokemon (type1, id);
CREATE INDEX pokemon_type2 ON pokemon (type2, id);
CREATE INDEX pokemon_rarity ON pokemon (rarity, id);

-- encounters has no natural key: a map may list one species twice at one
-- place, with different level ranges, as the games do.
CREATE TABLE encounters (
  place_id     TEXT    NOT NULL CHECK (length(place_id) BETWEEN 1 AND 64),
  pokemon_id   INTEGER NOT NULL REFERENCES pokemon (id) ON DELETE CASCADE,
  rate_percent INTEGER NOT NULL CHECK (rate_percent BETWEEN 1 AND 100),
  min_level    INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 100),
  max_level    INTEGER NOT NULL CHECK (max_level BETWEEN min_level AND 100)
) STRICT;

CREATE INDEX encounters_place ON encounters (place_id, rate_percent DESC);
-- Without it every species delete would scan encounters for the cascade.
CREATE INDEX encounters_pokemon ON encounters (pokemon_id);

-- create_requests makes CreatePokemon idempotent. pokemon_id has no foreign
-- key on purpose: a retry must still get the first result after the
-- species was deleted, so the row keeps a snapshot of it in result.
CREATE TABLE create_requests (
  request_id  TEXT    PRIMARY KEY,
  fingerprint BLOB    NOT NULL,
  pokemon_id  INTEGER NOT NULL,
  result      BLOB    NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;

-- store_meta records one-time events, such as the seed, so that they never
-- run twice even if every seeded row is later deleted.
CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
