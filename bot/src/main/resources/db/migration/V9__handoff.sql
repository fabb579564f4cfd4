-- A resident's request for a person (HUMAN). Deleted with the contact (FORGET). Agents see the contact's turns (redacted,
-- as stored) and an alias, never an address.
create table handoff (
    id            bigserial primary key,
    contact_id    bigint       not null references contact (id) on delete cascade,
    channel       varchar(32)  not null,
    language      varchar(16)  not null,
    reason        varchar(16)  not null,
    topic         varchar(64),
    status        varchar(16)  not null check (status in ('waiting', 'claimed', 'resolved', 'expired')),
    covered       boolean      not null,
    created_at    timestamptz  not null,
    claimed_by    varchar(64),
    claimed_at    timestamptz,
    last_agent_at timestamptz,
    closed_at     timestamptz
);
create index handoff_open on handoff (status, created_at) where status in ('waiting', 'claimed');
create index handoff_contact on handoff (contact_id);

-- What agents (and the bot, about the handoff) wrote to the resident: kept for the conversation view, and waiting in
-- delivered_at null until the channel can carry it (channels that cannot write first get it with the next reply).
create table handoff_message (
    id           bigserial primary key,
    handoff_id   bigint       not null references handoff (id) on delete cascade,
    contact_id   bigint       not null references contact (id) on delete cascade,
    agent        varchar(64),
    language     varchar(16)  not null,
    body         text         not null,
    created_at   timestamptz  not null,
    delivered_at timestamptz
);
create index handoff_message_pending on handoff_message (contact_id) where delivered_at is null;
