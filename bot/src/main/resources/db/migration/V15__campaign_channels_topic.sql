-- A campaign names the channels its page offers (empty: every channel the service has) and may open a topic of the
-- knowledge base instead of the enrollment guide (issue 11).
alter table campaign add column channels varchar(200) not null default '';
alter table campaign add column topic varchar(64);
