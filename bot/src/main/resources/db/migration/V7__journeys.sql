-- Guided journeys (content/journeys). One row per contact and journey: where they are and what they answered.
-- Deleted with the contact (FORGET). resume_code moves the journey to another channel for a limited time.
create table journey_progress (
    contact_id     bigint       not null references contact (id) on delete cascade,
    journey_id     varchar(64)  not null,
    step_id        varchar(64)  not null,
    slots          text         not null default '',
    status         varchar(16)  not null check (status in ('active', 'completed', 'cannot', 'abandoned')),
    locale         varchar(16)  not null,
    channel        varchar(32)  not null,
    campaign       varchar(64),
    resume_code    varchar(16),
    resume_expires timestamptz,
    started_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    primary key (contact_id, journey_id)
);
create unique index journey_progress_resume on journey_progress (resume_code) where resume_code is not null;
create index journey_progress_idle on journey_progress (updated_at) where status = 'active';

-- The funnel: what happened in journeys, without any personal data (no contact id, no text).
create table journey_event (
    id          bigserial primary key,
    journey_id  varchar(64)  not null,
    step_id     varchar(64),
    event       varchar(16)  not null check (event in ('started', 'step', 'completed', 'cannot', 'abandoned', 'handoff', 'later')),
    locale      varchar(16)  not null,
    channel     varchar(32)  not null,
    campaign    varchar(64),
    created_at  timestamptz  not null
);
create index journey_event_journey on journey_event (journey_id, event, step_id);

-- Reminders a resident agreed to ("later"): sent through the outbox when due, never in quiet hours.
-- Deleted with the contact (FORGET); cancelled on STOP.
create table reminder (
    id          bigserial primary key,
    contact_id  bigint       not null references contact (id) on delete cascade,
    journey_id  varchar(64)  not null,
    locale      varchar(16)  not null,
    due_at      timestamptz  not null,
    status      varchar(16)  not null default 'pending' check (status in ('pending', 'sent', 'cancelled', 'skipped')),
    consented_at timestamptz not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz
);
create index reminder_due on reminder (due_at) where status = 'pending';
