-- per-sender rate limits (e-mail) count a sender's recent inbox rows
create index inbox_sender on inbox (channel, address_hash, received_at);
