-- The PostgreSQL channel of remote partitioning (mastodon.maintenance.partitioning.transport=jdbc): the
-- partition requests a manager sends and workers take, as Spring Integration's JdbcChannelMessageStore keeps
-- them (its PostgreSQL layout, in our schema, table prefix "<schema>.int_"). A worker takes one with
-- DELETE ... FOR UPDATE SKIP LOCKED in a short transaction that also claims its partition. Only this table
-- and its sequence: the store's other tables serve aggregators and locks we do not use.
CREATE SEQUENCE int_message_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE int_channel_message (
	message_id char(36) NOT NULL,
	group_key char(36) NOT NULL,
	created_date bigint NOT NULL,
	message_priority bigint,
	message_sequence bigint NOT NULL DEFAULT nextval('int_message_seq'),
	message_content bytea,
	region varchar(100) NOT NULL,
	CONSTRAINT int_channel_message_pk PRIMARY KEY (region, group_key, created_date, message_sequence)
);

-- the store deletes a message by (region, group_key, message_id)
CREATE INDEX int_channel_msg_delete_idx ON int_channel_message (region, group_key, message_id);
