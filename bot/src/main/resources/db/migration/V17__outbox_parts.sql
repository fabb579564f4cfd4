-- A delivery the provider receives as several messages (SMS parts, Telegram messages): how many of them the provider
-- has taken, each recorded at once, so a retry after a failure or a crash sends only the rest (issue 13).
alter table outbox add column parts_sent integer not null default 0;
