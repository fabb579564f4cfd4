-- The campaign that first brought a resident (issue 10: partners' analytics are restricted to their campaigns): set once,
-- when a journey starts from a known campaign's link or keyword, with the time, so that only what the resident did from
-- then on counts for the campaign. Deleted with the contact (FORGET). No other trace of the person is kept for campaigns.
alter table contact add column campaign varchar(32);
alter table contact add column campaign_at timestamptz;
create index contact_campaign on contact (campaign) where campaign is not null;
