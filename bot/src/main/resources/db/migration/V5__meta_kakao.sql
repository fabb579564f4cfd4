-- KakaoTalk skill requests carry no message id. The first request with a fingerprint (keyed hash of bot id,
-- user id and utterance) claims it for a short window; a repeat inside the window is answered with the kept
-- skill response (encrypted) instead of running a second turn. Rows are purged after minutes.
create table kakao_reply (
    fingerprint  varchar(64) primary key,
    claimed_at   timestamptz not null,
    response_enc bytea
);
create index kakao_reply_claimed on kakao_reply (claimed_at);
