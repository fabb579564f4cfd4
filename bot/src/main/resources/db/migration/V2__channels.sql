-- Channels: every webhook is stored here before it is acknowledged. (channel, provider_id) is the
-- idempotency key, so a provider's retry is acknowledged and not processed twice. The address and the
-- payload are stored only encrypted and are cleared once the message is processed; the key stays (for
-- retries) until the retention job removes the row.
create table inbox (
    id              bigserial primary key,
    channel         varchar(32)  not null,
    provider_id     varchar(200) not null,
    address_hash    varchar(64),
    address_enc     bytea,
    payload_enc     bytea,
    state           varchar(16)  not null default 'new' check (state in ('new', 'done', 'failed')),
    attempts        integer      not null default 0,
    received_at     timestamptz  not null,
    next_attempt_at timestamptz  not null,
    processed_at    timestamptz,
    unique (channel, provider_id)
);
create index inbox_due on inbox (next_attempt_at) where state = 'new';

-- Replies that are not returned inline: claimed with FOR UPDATE SKIP LOCKED, retried with backoff,
-- dead-lettered after a limit. Address and payload are cleared once sent or dead.
create table outbox (
    id              bigserial primary key,
    channel         varchar(32)  not null,
    address_hash    varchar(64),
    address_enc     bytea,
    payload_enc     bytea,
    state           varchar(16)  not null default 'pending' check (state in ('pending', 'sent', 'dead')),
    attempts        integer      not null default 0,
    last_error      varchar(300),
    provider_id     varchar(200),
    provider_status varchar(32),
    created_at      timestamptz  not null,
    next_attempt_at timestamptz  not null,
    sent_at         timestamptz
);
create index outbox_due on outbox (next_attempt_at) where state = 'pending';
create index outbox_provider on outbox (channel, provider_id);

-- The topic last answered, for MORE (the rest of a long answer on SMS).
alter table contact add column last_topic varchar(64);
