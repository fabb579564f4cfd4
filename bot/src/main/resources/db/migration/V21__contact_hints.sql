-- Whether a contact may have journey progress or handoff requests (issue 13, CPU per turn): a turn reads the contact's
-- journey and handoff state only when these say it may have some, which most contacts never do, and that saves one
-- statement each on most turns. They are set in the statement that writes a journey's progress or a handoff request
-- (and never cleared: true only costs the read). The contact's upsert at the start of a turn returns them with the
-- contact's row lock, so a turn sees what the turn before it wrote. Contacts from before this migration count as having
-- both (their turns read, as before); new contacts start with neither.
alter table contact add column journeys boolean not null default true, add column handoffs boolean not null default true;
alter table contact alter column journeys set default false, alter column handoffs set default false;
