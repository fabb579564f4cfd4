-- Keys for /api/v1/messages and /api/v1/language (issue 13): stored as SHA-256 of the key (a random 256-bit secret),
-- never the key; scoped; revocable. Until the first key exists those endpoints answer this machine only.
create table api_key (
    id           bigserial primary key,
    name         varchar(64)  not null unique,
    key_hash     varchar(64)  not null unique,
    scopes       varchar(64)  not null,
    created_at   timestamptz  not null,
    revoked_at   timestamptz
);
