-- Outreach (issue 11): organisations (community associations, embassies...), their campaigns, and clicks on campaign
-- links counted per day and language only: no cookie, no per-person id, no address.
create table organisation (
    id    bigserial primary key,
    name  varchar(200) not null unique
);
alter table staff_account add column organisation_id bigint references organisation (id);

create table campaign (
    id              bigserial primary key,
    code            varchar(32)  not null unique,
    name            varchar(200) not null,
    organisation_id bigint       not null references organisation (id),
    languages       varchar(200) not null,
    journey_step    varchar(64),
    starts_on       date         not null,
    ends_on         date         not null,
    sms_keyword     varchar(32),
    created_by      varchar(64)  not null,
    created_at      timestamptz  not null
);

create table campaign_click (
    campaign_id bigint      not null references campaign (id) on delete cascade,
    day         date        not null,
    language    varchar(16) not null,
    clicks      integer     not null,
    primary key (campaign_id, day, language)
);
