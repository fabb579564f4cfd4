-- a turn waits for an earlier message of the same contact that is still new (turns run in the order residents wrote)
create index inbox_contact_new on inbox (channel, address_hash, id) where state = 'new';
