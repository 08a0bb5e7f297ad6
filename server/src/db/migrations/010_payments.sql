-- Every board's payments (ledger entries of creators on the board), kept by PaymentIndexExtension
-- when a board is stored, so the scheduled overdue check and the workspace's "Due and overdue"
-- page are queries, not board loads. `due_date` is the payment's due date as readers work it out
-- (a scheduled payment's trigger + net days), null while unknown. `overdue_notified_due` is the
-- due date a `payment.overdue` event was sent for: once per payment (and again only if its due
-- date moves).
create table payment_index (
  board_id text not null references boards (id) on delete cascade,
  creator_id text not null,
  payment_id text not null,
  creator_name text not null,
  amount numeric not null,
  currency text not null,
  due_date date,
  paid_date date,
  due_label text,
  overdue_notified_due date,
  primary key (board_id, creator_id, payment_id)
);
create index payment_index_unpaid_due_idx on payment_index (due_date) where paid_date is null;
