-- Rate limits shared by every replica (issue 13, "several replicas on one database"): one token bucket per limiter and
-- key (the API's requests per key, the web chat's messages per session and new sessions per client address), taken
-- from in one atomic statement per request. The key is the limiter's name and a keyed hash of what it limits (never a
-- session id, an address or a key name in clear); tokens is what was left at updated_at (database time). A bucket left
-- alone long enough to be full again is the same as none: the hourly retention job removes it.
create table rate_bucket (
    key        text primary key,
    tokens     double precision not null,
    updated_at timestamptz not null
);
