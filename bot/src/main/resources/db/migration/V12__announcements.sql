-- Announcements (issue 11): residents who said yes to news on a channel (when, where and how they said it), what staff
-- sent, and one row per resident and announcement: at most one message each, however often a replica crashes mid-send.
-- Deleted with the contact (FORGET); STOP deletes the consent.
create table news_consent (
    contact_id bigint      primary key references contact (id) on delete cascade,
    channel    varchar(32) not null,
    given_at   timestamptz not null,
    given_by   varchar(32) not null
);

create table announcement (
    id          bigserial primary key,
    name        varchar(200) not null,
    channels    varchar(200) not null,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null
);

create table announcement_text (
    announcement_id bigint      not null references announcement (id) on delete cascade,
    locale          varchar(16) not null,
    body            text        not null,
    primary key (announcement_id, locale)
);

create table announcement_delivery (
    announcement_id bigint      not null references announcement (id) on delete cascade,
    contact_id      bigint      not null references contact (id) on delete cascade,
    channel         varchar(32) not null,
    status          varchar(16) not null check (status in ('pending', 'queued', 'skipped')),
    reason          varchar(32),
    outbox_id       bigint,
    updated_at      timestamptz not null,
    primary key (announcement_id, contact_id)
);
create index announcement_delivery_pending on announcement_delivery (channel, announcement_id) where status = 'pending';

-- The announcements' pace per channel (a token bucket shared by every replica): messages were sent at the channel's
-- rate up to sent_until; a poll may send what the time since then allows, at most one poll's worth.
create table announcement_pace (
    channel    varchar(32) primary key,
    sent_until timestamptz not null
);
