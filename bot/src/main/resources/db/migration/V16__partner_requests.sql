-- A community association asks for a partner account on the console's public page; it stays disabled until an admin
-- approves it (issue 11: "staff approve them"). The note says how staff can check who asked (a phone or an e-mail).
alter table staff_account add column request_note varchar(300);
