-- The staff console (issue 9). Accounts are local; passwords are Argon2id hashes (PHC strings), never the password.
create table staff_account (
    id            bigserial primary key,
    username      varchar(64)  not null unique,
    display_name  varchar(128) not null,
    password_hash text         not null,
    roles         varchar(128) not null,
    failed_logins integer      not null default 0,
    locked_until  timestamptz,
    disabled      boolean      not null default false,
    created_at    timestamptz  not null,
    last_login    timestamptz
);

-- Every change made through the console or its commands: who, when, what. Never a password or a resident's text.
create table audit_log (
    id      bigserial primary key,
    at      timestamptz  not null,
    actor   varchar(64)  not null,
    action  varchar(64)  not null,
    target  varchar(200),
    detail  text
);
create index audit_log_at on audit_log (at);

-- Work in progress on one topic in one locale: an editor's draft, then in review; publishing makes it a revision
-- (content_revision) and the published text (content_localization), and removes the draft.
create table content_draft (
    topic_id     varchar(64)  not null references content_topic (id) on delete cascade,
    locale       varchar(16)  not null,
    question     text         not null,
    alternates   text         not null,
    answer       text         not null,
    sms          text         not null,
    state        varchar(16)  not null check (state in ('draft', 'review')),
    based_on     integer,
    updated_by   varchar(64)  not null,
    updated_at   timestamptz  not null,
    note         text,
    primary key (topic_id, locale)
);
