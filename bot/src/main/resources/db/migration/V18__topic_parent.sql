-- a topic may refine one of the content outline's fixed topics (its parent): answered with its own text, reported
-- under the parent's id (checked by the content reader, which sees the whole list at once)
alter table content_topic add column parent varchar(64);
