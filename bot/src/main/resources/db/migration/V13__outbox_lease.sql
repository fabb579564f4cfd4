-- The outbox no longer holds a transaction and row locks across a provider's HTTP call (issue 13): a worker claims due
-- rows with a lease in a short transaction, sends outside any transaction, and marks each row in another. A worker that
-- dies mid-send leaves its rows claimed until the lease runs out; then another worker takes them.
alter table outbox add column claimed_until timestamptz;
