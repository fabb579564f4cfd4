-- Contacts: one row per address on one channel. The address itself is stored only encrypted (AES-GCM);
-- address_hash (HMAC-SHA256 with a key from the master key) finds the row.
create table contact (
    id                bigserial primary key,
    channel           varchar(32)  not null,
    address_hash      varchar(64)  not null,
    address_enc       bytea        not null,
    language          varchar(16),
    language_explicit boolean      not null default false,
    consent           varchar(16)  not null default 'granted',
    menu_kind         varchar(16),
    menu_items        text,
    pending_action    varchar(32),
    first_seen        timestamptz  not null,
    last_seen         timestamptz  not null,
    unique (channel, address_hash)
);

-- One message in or out. body is redacted before it is stored and cleared after the retention period.
create table turn (
    id                  bigserial primary key,
    contact_id          bigint       not null references contact (id) on delete cascade,
    direction           varchar(8)   not null check (direction in ('in', 'out')),
    body                text,
    language            varchar(16),
    language_confidence real,
    outcome             varchar(16),
    topic               varchar(64),
    score               real,
    created_at          timestamptz  not null,
    processing_micros   integer
);
create index turn_contact on turn (contact_id, created_at);
create index turn_created on turn (created_at) where body is not null;

-- The knowledge base. content_localization holds what is published now; content_revision every version.
create table content_topic (
    id        varchar(64) primary key,
    category  varchar(32) not null,
    menu      boolean     not null default false,
    position  integer     not null
);

create table content_localization (
    topic_id        varchar(64) not null references content_topic (id) on delete cascade,
    locale          varchar(16) not null,
    question        text        not null,
    alternates      text        not null,
    answer          text        not null,
    sms             text        not null,
    status          varchar(16) not null check (status in ('source', 'machine', 'reviewed')),
    revision        integer     not null,
    source_revision integer,
    translated_from varchar(16),
    links           text        not null default '',
    updated_at      timestamptz not null,
    primary key (topic_id, locale)
);

create table content_revision (
    id              bigserial primary key,
    topic_id        varchar(64) not null references content_topic (id) on delete cascade,
    locale          varchar(16) not null,
    question        text        not null,
    alternates      text        not null,
    answer          text        not null,
    sms             text        not null,
    status          varchar(16) not null,
    revision        integer     not null,
    source_revision integer,
    translated_from varchar(16),
    links           text        not null default '',
    published_by    varchar(64) not null,
    published_at    timestamptz not null
);
create index content_revision_topic on content_revision (topic_id, locale, published_at);
