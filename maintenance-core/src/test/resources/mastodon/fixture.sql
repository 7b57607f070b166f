-- Mastodon 4.7 database, as far as the maintenance job can see it.
--
-- Our own fixture (not a dump), used by the tests and by the operator tool's demo database: the tables the job reads or changes, every table that
-- references accounts or statuses, and every table reached from those through a foreign key in
-- either direction, so that deleting an account or a status cascades, nulls or is refused
-- exactly as on a real server. Mastodon schema version 2026_08_12_154114 (release 4.7.0).
--
-- Faithful per table: column names, types, NOT NULL and defaults; primary keys; every index
-- under Mastodon's own name (unique, partial and expression indexes included); every foreign
-- key under Mastodon's own name with its ON DELETE rule. Columns come in the order a fresh
-- install has (id first, then alphabetical), so that `SELECT *` looks the same on both.
-- Left out: tables with no foreign key to or from these (domain_blocks, relays, webhooks, ...),
-- the user_ips view and the instances materialized view; the job reads none of them.
--
-- Conventions that matter to tests:
--   * every timestamp is `timestamp without time zone` holding UTC;
--   * ids are bigint; seven tables get snowflake ids from timestamp_id() (see below), the
--     others a plain bigserial;
--   * foreign keys come last, grouped by the table they point at, so each group reads as
--     "what happens to other rows when a row of this table is deleted".

-- ---------------------------------------------------------------------------------------
-- Rails bookkeeping. The job must never touch these; tests check that they are unchanged.
-- ---------------------------------------------------------------------------------------

CREATE TABLE schema_migrations (
	version varchar PRIMARY KEY
);

CREATE TABLE ar_internal_metadata (
	key        varchar PRIMARY KEY,
	value      varchar,
	created_at timestamp(6) NOT NULL,
	updated_at timestamp(6) NOT NULL
);

INSERT INTO schema_migrations (version) VALUES ('20260812154114');
INSERT INTO ar_internal_metadata (key, value, created_at, updated_at)
	VALUES ('environment', 'production', '2026-08-20 00:00:00', '2026-08-20 00:00:00');

-- ---------------------------------------------------------------------------------------
-- Snowflake ids.
--
-- timestamp_id(t) = (epoch milliseconds of the transaction start << 16) | 16 low bits taken
-- from the sequence <t>_id_seq. Mastodon also mixes a per-install md5 salt into the low bits
-- to make ids hard to guess; tests do not need that, only the layout. The seven sequences
-- belong to no column, as in Mastodon.
-- ---------------------------------------------------------------------------------------

CREATE FUNCTION timestamp_id(table_name text) RETURNS bigint
	LANGUAGE sql VOLATILE
	AS $$
		SELECT (floor(extract(epoch FROM now()) * 1000)::bigint << 16)
			| (nextval(table_name || '_id_seq') & 65535)
	$$;

CREATE SEQUENCE accounts_id_seq;
CREATE SEQUENCE collection_items_id_seq;
CREATE SEQUENCE collections_id_seq;
CREATE SEQUENCE media_attachments_id_seq;
CREATE SEQUENCE notification_requests_id_seq;
CREATE SEQUENCE quotes_id_seq;
CREATE SEQUENCE statuses_id_seq;

-- ---------------------------------------------------------------------------------------
-- Accounts.
-- Profiles, local and remote, and everything hanging off a single account.
-- ---------------------------------------------------------------------------------------

-- One row per profile. domain IS NULL = local. accounts cull deletes remote rows; media remove
-- --prune-profiles clears avatar_*/header_*.
CREATE TABLE accounts (
	id                            bigint PRIMARY KEY DEFAULT timestamp_id('accounts'),
	actor_type                    varchar,
	also_known_as                 varchar[],
	attribution_domains           varchar[] DEFAULT '{}',
	avatar_content_type           varchar,
	avatar_description            varchar NOT NULL DEFAULT '',
	avatar_file_name              varchar,
	avatar_file_size              integer,
	avatar_remote_url             varchar,
	avatar_storage_schema_version integer,                      -- >= 1 and remote: file under cache/
	avatar_updated_at             timestamp,
	collections_url               varchar,
	created_at                    timestamp NOT NULL,
	discoverable                  boolean,
	display_name                  varchar NOT NULL DEFAULT '',
	domain                        varchar,                      -- NULL = local
	feature_approval_policy       integer NOT NULL DEFAULT 0,
	featured_collection_url       varchar,
	fields                        jsonb,
	followers_url                 varchar NOT NULL DEFAULT '',
	following_url                 varchar NOT NULL DEFAULT '',
	header_content_type           varchar,
	header_description            varchar NOT NULL DEFAULT '',
	header_file_name              varchar,
	header_file_size              integer,
	header_remote_url             varchar NOT NULL DEFAULT '',  -- NOT NULL, unlike avatar_remote_url
	header_storage_schema_version integer,                      -- >= 1 and remote: file under cache/
	header_updated_at             timestamp,
	hide_collections              boolean,
	id_scheme                     integer DEFAULT 1,
	inbox_url                     varchar NOT NULL DEFAULT '',
	indexable                     boolean NOT NULL DEFAULT false,
	last_webfingered_at           timestamp,                    -- NULL: never pruned by media remove --prune-profiles
	locked                        boolean NOT NULL DEFAULT false,
	memorial                      boolean NOT NULL DEFAULT false,
	moved_to_account_id           bigint,
	note                          text NOT NULL DEFAULT '',
	outbox_url                    varchar NOT NULL DEFAULT '',
	private_key                   text,
	protocol                      integer NOT NULL DEFAULT 0,   -- 0 OStatus, 1 ActivityPub
	public_key                    text NOT NULL DEFAULT '',
	requested_deletion_at         timestamp(6),
	requested_review_at           timestamp,
	reviewed_at                   timestamp,
	sensitized_at                 timestamp,
	shared_inbox_url              varchar NOT NULL DEFAULT '',
	show_featured                 boolean NOT NULL DEFAULT true,
	show_media                    boolean NOT NULL DEFAULT true,
	show_media_replies            boolean NOT NULL DEFAULT true,
	silenced_at                   timestamp,
	suspended_at                  timestamp,
	suspension_origin             integer,
	trendable                     boolean,
	updated_at                    timestamp NOT NULL,
	uri                           varchar,
	url                           varchar,
	username                      varchar NOT NULL DEFAULT ''
);
CREATE INDEX index_accounts_on_domain_and_id ON accounts (domain, id);
CREATE INDEX index_accounts_on_moved_to_account_id ON accounts (moved_to_account_id) WHERE (moved_to_account_id IS NOT NULL);
CREATE UNIQUE INDEX index_accounts_on_uri ON accounts (uri);
CREATE INDEX index_accounts_on_url ON accounts (url text_pattern_ops) WHERE (url IS NOT NULL);
CREATE UNIQUE INDEX index_accounts_on_username_and_domain_lower ON accounts (lower(username), COALESCE(lower(domain), ''));
CREATE INDEX search_index ON accounts USING gin ((setweight(to_tsvector('simple', display_name), 'A') || setweight(to_tsvector('simple', username), 'B') || setweight(to_tsvector('simple', COALESCE(domain, '')), 'C')));

-- Counters per account (1:1).
CREATE TABLE account_stats (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	created_at      timestamp NOT NULL,
	followers_count bigint NOT NULL DEFAULT 0,
	following_count bigint NOT NULL DEFAULT 0,
	last_status_at  timestamp,
	statuses_count  bigint NOT NULL DEFAULT 0,
	updated_at      timestamp NOT NULL
);
CREATE UNIQUE INDEX index_account_stats_on_account_id ON account_stats (account_id);
CREATE INDEX index_account_stats_on_last_status_at_and_account_id ON account_stats (last_status_at DESC NULLS LAST, account_id);

-- Language summary per account, keyed by account_id.
CREATE TABLE account_summaries (
	account_id bigserial PRIMARY KEY,
	language   varchar,
	sensitive  boolean NOT NULL DEFAULT false
);
CREATE INDEX idx_on_account_id_language_sensitive_250461e1eb ON account_summaries (account_id, language, sensitive);

-- Alternative identities declared for moving in.
CREATE TABLE account_aliases (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	acct       varchar NOT NULL DEFAULT '',
	created_at timestamp NOT NULL,
	updated_at timestamp NOT NULL,
	uri        varchar NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX index_account_aliases_on_account_id_and_uri ON account_aliases (account_id, uri);

-- Moves from account_id to target_account_id.
CREATE TABLE account_migrations (
	id                bigserial PRIMARY KEY,
	account_id        bigint,
	acct              varchar NOT NULL DEFAULT '',
	created_at        timestamp NOT NULL,
	followers_count   bigint NOT NULL DEFAULT 0,
	target_account_id bigint,
	updated_at        timestamp NOT NULL
);
CREATE INDEX index_account_migrations_on_account_id ON account_migrations (account_id);
CREATE INDEX index_account_migrations_on_target_account_id ON account_migrations (target_account_id) WHERE (target_account_id IS NOT NULL);

-- Pending self-deletions.
CREATE TABLE account_deletion_requests (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE INDEX index_account_deletion_requests_on_account_id ON account_deletion_requests (account_id);

-- Domains an account hides.
CREATE TABLE account_domain_blocks (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	domain     varchar NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE UNIQUE INDEX index_account_domain_blocks_on_account_id_and_domain ON account_domain_blocks (account_id, domain);

-- Private note by one account about another.
CREATE TABLE account_notes (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	comment           text NOT NULL,
	created_at        timestamp NOT NULL,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL
);
CREATE UNIQUE INDEX index_account_notes_on_account_id_and_target_account_id ON account_notes (account_id, target_account_id);
CREATE INDEX index_account_notes_on_target_account_id ON account_notes (target_account_id);

-- Profiles featured (endorsed) on another profile.
CREATE TABLE account_pins (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp NOT NULL,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL
);
CREATE UNIQUE INDEX index_account_pins_on_account_id_and_target_account_id ON account_pins (account_id, target_account_id);
CREATE INDEX index_account_pins_on_target_account_id ON account_pins (target_account_id);

-- Per-user automatic post deletion settings.
CREATE TABLE account_statuses_cleanup_policies (
	id                 bigserial PRIMARY KEY,
	account_id         bigint NOT NULL,
	created_at         timestamp(6) NOT NULL,
	enabled            boolean NOT NULL DEFAULT true,
	keep_direct        boolean NOT NULL DEFAULT true,
	keep_media         boolean NOT NULL DEFAULT false,
	keep_pinned        boolean NOT NULL DEFAULT true,
	keep_polls         boolean NOT NULL DEFAULT false,
	keep_self_bookmark boolean NOT NULL DEFAULT true,
	keep_self_fav      boolean NOT NULL DEFAULT true,
	min_favs           integer,
	min_reblogs        integer,
	min_status_age     integer NOT NULL DEFAULT 1209600,
	updated_at         timestamp(6) NOT NULL
);
CREATE INDEX index_account_statuses_cleanup_policies_on_account_id ON account_statuses_cleanup_policies (account_id);

-- Additional signing keys of an account.
CREATE TABLE keypairs (
	id             bigserial PRIMARY KEY,
	account_id     bigint NOT NULL,
	created_at     timestamp(6) NOT NULL,
	expires_at     timestamp(6),
	local_fragment varchar,
	private_key    varchar,
	public_key     varchar NOT NULL,
	revoked        boolean NOT NULL DEFAULT false,
	type           integer NOT NULL,
	updated_at     timestamp(6) NOT NULL,
	uri            varchar
);
CREATE UNIQUE INDEX index_keypairs_on_account_id_and_local_fragment ON keypairs (account_id, local_fragment);
CREATE UNIQUE INDEX index_keypairs_on_uri ON keypairs (uri);

-- URIs of deleted remote objects, kept to refuse re-fetching them.
CREATE TABLE tombstones (
	id           bigserial PRIMARY KEY,
	account_id   bigint NOT NULL,
	by_moderator boolean,
	created_at   timestamp NOT NULL,
	updated_at   timestamp NOT NULL,
	uri          varchar NOT NULL
);
CREATE INDEX index_tombstones_on_account_id ON tombstones (account_id);
CREATE INDEX index_tombstones_on_uri ON tombstones (uri);

-- E-mail newsletter subscriptions to an account.
CREATE TABLE email_subscriptions (
	id                 bigserial PRIMARY KEY,
	account_id         bigint NOT NULL,
	confirmation_token varchar,
	confirmed_at       timestamp(6),
	created_at         timestamp(6) NOT NULL,
	email              varchar NOT NULL,
	locale             varchar NOT NULL,
	updated_at         timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_email_subscriptions_on_account_id_and_email ON email_subscriptions (account_id, email);
CREATE UNIQUE INDEX index_email_subscriptions_on_confirmation_token ON email_subscriptions (confirmation_token) WHERE (confirmation_token IS NOT NULL);

-- Yearly report data per account.
CREATE TABLE generated_annual_reports (
	id             bigserial PRIMARY KEY,
	account_id     bigint NOT NULL,
	created_at     timestamp(6) NOT NULL,
	data           jsonb NOT NULL,
	schema_version integer NOT NULL,
	share_key      varchar,
	updated_at     timestamp(6) NOT NULL,
	viewed_at      timestamp(6),
	year           integer NOT NULL
);
CREATE UNIQUE INDEX index_generated_annual_reports_on_account_id_and_year ON generated_annual_reports (account_id, year);

-- ---------------------------------------------------------------------------------------
-- Users and OAuth.
-- The login side of local accounts. Remote accounts have no users row; local deletions
-- cascade through here.
-- ---------------------------------------------------------------------------------------

-- Permission roles.
CREATE TABLE user_roles (
	id               bigserial PRIMARY KEY,
	collection_limit integer NOT NULL DEFAULT 10,
	color            varchar NOT NULL DEFAULT '',
	created_at       timestamp(6) NOT NULL,
	highlighted      boolean NOT NULL DEFAULT false,
	name             varchar NOT NULL DEFAULT '',
	permissions      bigint NOT NULL DEFAULT 0,
	position         integer NOT NULL DEFAULT 0,
	require_2fa      boolean NOT NULL DEFAULT false,
	updated_at       timestamp(6) NOT NULL
);

-- Invite links created by users.
CREATE TABLE invites (
	id         bigserial PRIMARY KEY,
	autofollow boolean NOT NULL DEFAULT false,
	code       varchar NOT NULL DEFAULT '',
	comment    text,
	created_at timestamp NOT NULL,
	expires_at timestamp,
	max_uses   integer,
	updated_at timestamp NOT NULL,
	user_id    bigint NOT NULL,
	uses       integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX index_invites_on_code ON invites (code);
CREATE INDEX index_invites_on_user_id ON invites (user_id);

-- Login of a local account (1:1 with accounts).
CREATE TABLE users (
	id                        bigserial PRIMARY KEY,
	account_id                bigint NOT NULL,
	age_verified_at           timestamp(6),
	approved                  boolean NOT NULL DEFAULT true,
	chosen_languages          varchar[],
	confirmation_sent_at      timestamp,
	confirmation_token        varchar,
	confirmed_at              timestamp,
	consumed_timestep         integer,
	created_at                timestamp NOT NULL,
	created_by_application_id bigint,
	current_sign_in_at        timestamp,
	disabled                  boolean NOT NULL DEFAULT false,
	email                     varchar NOT NULL DEFAULT '',
	encrypted_password        varchar NOT NULL DEFAULT '',
	invite_id                 bigint,
	last_emailed_at           timestamp,
	last_sign_in_at           timestamp,
	locale                    varchar,
	otp_backup_codes          varchar[],
	otp_required_for_login    boolean NOT NULL DEFAULT false,
	otp_secret                varchar,
	require_tos_interstitial  boolean NOT NULL DEFAULT false,
	reset_password_sent_at    timestamp,
	reset_password_token      varchar,
	role_id                   bigint,
	settings                  text,
	sign_in_count             integer NOT NULL DEFAULT 0,
	sign_in_token             varchar,
	sign_in_token_sent_at     timestamp,
	sign_up_ip                inet,
	skip_sign_in_token        boolean,
	time_zone                 varchar,
	unconfirmed_email         varchar,
	updated_at                timestamp NOT NULL,
	webauthn_id               varchar
);
CREATE INDEX index_users_on_account_id ON users (account_id);
CREATE UNIQUE INDEX index_users_on_confirmation_token ON users (confirmation_token);
CREATE INDEX index_users_on_created_by_application_id ON users (created_by_application_id) WHERE (created_by_application_id IS NOT NULL);
CREATE UNIQUE INDEX index_users_on_email ON users (email);
CREATE UNIQUE INDEX index_users_on_reset_password_token ON users (reset_password_token text_pattern_ops) WHERE (reset_password_token IS NOT NULL);
CREATE INDEX index_users_on_role_id ON users (role_id) WHERE (role_id IS NOT NULL);
CREATE INDEX index_users_on_unconfirmed_email ON users (unconfirmed_email) WHERE (unconfirmed_email IS NOT NULL);

-- Reason text given on sign-up when approval is required.
CREATE TABLE user_invite_requests (
	id         bigserial PRIMARY KEY,
	created_at timestamp NOT NULL,
	text       text,
	updated_at timestamp NOT NULL,
	user_id    bigint NOT NULL
);
CREATE INDEX index_user_invite_requests_on_user_id ON user_invite_requests (user_id);

-- External (SSO) identities of a user.
CREATE TABLE identities (
	id         bigserial PRIMARY KEY,
	created_at timestamp NOT NULL,
	provider   varchar NOT NULL DEFAULT '',
	uid        varchar NOT NULL DEFAULT '',
	updated_at timestamp NOT NULL,
	user_id    bigint
);
CREATE UNIQUE INDEX index_identities_on_uid_and_provider ON identities (uid, provider);
CREATE INDEX index_identities_on_user_id ON identities (user_id);

-- Sign-in attempts.
CREATE TABLE login_activities (
	id                    bigserial PRIMARY KEY,
	authentication_method varchar,
	created_at            timestamp,
	failure_reason        varchar,
	ip                    inet,
	provider              varchar,
	success               boolean,
	user_agent            varchar,
	user_id               bigint NOT NULL
);
CREATE INDEX index_login_activities_on_user_id ON login_activities (user_id);

-- Read positions in timelines.
CREATE TABLE markers (
	id           bigserial PRIMARY KEY,
	created_at   timestamp NOT NULL,
	last_read_id bigint NOT NULL DEFAULT 0,
	lock_version integer NOT NULL DEFAULT 0,
	timeline     varchar NOT NULL DEFAULT '',
	updated_at   timestamp NOT NULL,
	user_id      bigint NOT NULL
);
CREATE UNIQUE INDEX index_markers_on_user_id_and_timeline ON markers (user_id, timeline);

-- Web UI settings blob.
CREATE TABLE web_settings (
	id         bigserial PRIMARY KEY,
	created_at timestamp NOT NULL,
	data       json,
	updated_at timestamp NOT NULL,
	user_id    bigint NOT NULL
);
CREATE UNIQUE INDEX index_web_settings_on_user_id ON web_settings (user_id);

-- Security keys.
CREATE TABLE webauthn_credentials (
	id          bigserial PRIMARY KEY,
	created_at  timestamp NOT NULL,
	external_id varchar NOT NULL,
	nickname    varchar NOT NULL,
	public_key  varchar NOT NULL,
	sign_count  bigint NOT NULL DEFAULT 0,
	updated_at  timestamp NOT NULL,
	user_id     bigint
);
CREATE UNIQUE INDEX index_webauthn_credentials_on_external_id ON webauthn_credentials (external_id);
CREATE UNIQUE INDEX index_webauthn_credentials_on_user_id_and_nickname ON webauthn_credentials (user_id, nickname);

-- OAuth client applications.
CREATE TABLE oauth_applications (
	id           bigserial PRIMARY KEY,
	confidential boolean NOT NULL DEFAULT true,
	created_at   timestamp,
	name         varchar NOT NULL,
	owner_id     bigint,
	owner_type   varchar,
	redirect_uri text NOT NULL,
	scopes       varchar NOT NULL DEFAULT '',
	secret       varchar NOT NULL,
	superapp     boolean NOT NULL DEFAULT false,
	uid          varchar NOT NULL,
	updated_at   timestamp,
	website      varchar
);
CREATE INDEX index_oauth_applications_on_owner_id_and_owner_type ON oauth_applications (owner_id, owner_type);
CREATE INDEX index_oauth_applications_on_superapp ON oauth_applications (superapp) WHERE (superapp = true);
CREATE UNIQUE INDEX index_oauth_applications_on_uid ON oauth_applications (uid);

-- Authorization codes.
CREATE TABLE oauth_access_grants (
	id                    bigserial PRIMARY KEY,
	application_id        bigint NOT NULL,
	code_challenge        varchar,
	code_challenge_method varchar,
	created_at            timestamp NOT NULL,
	expires_in            integer NOT NULL,
	redirect_uri          text NOT NULL,
	resource_owner_id     bigint NOT NULL,
	revoked_at            timestamp,
	scopes                varchar,
	token                 varchar NOT NULL
);
CREATE INDEX index_oauth_access_grants_on_resource_owner_id ON oauth_access_grants (resource_owner_id);
CREATE UNIQUE INDEX index_oauth_access_grants_on_token ON oauth_access_grants (token);

-- Access tokens.
CREATE TABLE oauth_access_tokens (
	id                bigserial PRIMARY KEY,
	application_id    bigint,
	created_at        timestamp NOT NULL,
	expires_in        integer,
	last_used_at      timestamp,
	last_used_ip      inet,
	refresh_token     varchar,
	resource_owner_id bigint,
	revoked_at        timestamp,
	scopes            varchar,
	token             varchar NOT NULL
);
CREATE UNIQUE INDEX index_oauth_access_tokens_on_refresh_token ON oauth_access_tokens (refresh_token text_pattern_ops) WHERE (refresh_token IS NOT NULL);
CREATE INDEX index_oauth_access_tokens_on_resource_owner_id ON oauth_access_tokens (resource_owner_id) WHERE (resource_owner_id IS NOT NULL);
CREATE UNIQUE INDEX index_oauth_access_tokens_on_token ON oauth_access_tokens (token);

-- Browser sessions.
CREATE TABLE session_activations (
	id                       bigserial PRIMARY KEY,
	access_token_id          bigint,
	created_at               timestamp NOT NULL,
	ip                       inet,
	session_id               varchar NOT NULL,
	updated_at               timestamp NOT NULL,
	user_agent               varchar NOT NULL DEFAULT '',
	user_id                  bigint NOT NULL,
	web_push_subscription_id bigint
);
CREATE INDEX index_session_activations_on_access_token_id ON session_activations (access_token_id);
CREATE UNIQUE INDEX index_session_activations_on_session_id ON session_activations (session_id);
CREATE INDEX index_session_activations_on_user_id ON session_activations (user_id);

-- Push endpoints.
CREATE TABLE web_push_subscriptions (
	id              bigserial PRIMARY KEY,
	access_token_id bigint NOT NULL,
	created_at      timestamp NOT NULL,
	data            json,
	endpoint        varchar NOT NULL,
	key_auth        varchar NOT NULL,
	key_p256dh      varchar NOT NULL,
	standard        boolean NOT NULL DEFAULT false,
	updated_at      timestamp NOT NULL,
	user_id         bigint NOT NULL
);
CREATE INDEX index_web_push_subscriptions_on_access_token_id ON web_push_subscriptions (access_token_id) WHERE (access_token_id IS NOT NULL);
CREATE INDEX index_web_push_subscriptions_on_user_id ON web_push_subscriptions (user_id);

-- Archive exports requested by users (dump_* attachment). No locality, never under cache/.
CREATE TABLE backups (
	id                bigserial PRIMARY KEY,
	created_at        timestamp NOT NULL,
	dump_content_type varchar,
	dump_file_name    varchar,
	dump_file_size    bigint,  -- bigint, unlike the other *_file_size columns
	dump_updated_at   timestamp,
	processed         boolean NOT NULL DEFAULT false,
	updated_at        timestamp NOT NULL,
	user_id           bigint
);
CREATE INDEX index_backups_on_user_id ON backups (user_id);

-- ---------------------------------------------------------------------------------------
-- Relationships.
-- Follows, blocks, mutes, lists and follow recommendations. Follows only exist when at
-- least one side is local.
-- ---------------------------------------------------------------------------------------

-- Accepted follows.
CREATE TABLE follows (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp NOT NULL,
	languages         varchar[],
	notify            boolean NOT NULL DEFAULT false,
	show_reblogs      boolean NOT NULL DEFAULT true,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL,
	uri               varchar
);
CREATE UNIQUE INDEX index_follows_on_account_id_and_target_account_id ON follows (account_id, target_account_id);
CREATE INDEX index_follows_on_target_account_id_and_account_id ON follows (target_account_id, account_id);

-- Pending follows (same shape as follows).
CREATE TABLE follow_requests (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp NOT NULL,
	languages         varchar[],
	notify            boolean NOT NULL DEFAULT false,
	show_reblogs      boolean NOT NULL DEFAULT true,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL,
	uri               varchar
);
CREATE UNIQUE INDEX index_follow_requests_on_account_id_and_target_account_id ON follow_requests (account_id, target_account_id);
CREATE INDEX index_follow_requests_on_target_account_id_and_account_id ON follow_requests (target_account_id, account_id);

-- Blocks.
CREATE TABLE blocks (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp NOT NULL,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL,
	uri               varchar
);
CREATE UNIQUE INDEX index_blocks_on_account_id_and_target_account_id ON blocks (account_id, target_account_id);
CREATE INDEX index_blocks_on_target_account_id ON blocks (target_account_id);

-- Mutes.
CREATE TABLE mutes (
	id                 bigserial PRIMARY KEY,
	account_id         bigint NOT NULL,
	created_at         timestamp NOT NULL,
	expires_at         timestamp,
	hide_notifications boolean NOT NULL DEFAULT true,
	target_account_id  bigint NOT NULL,
	updated_at         timestamp NOT NULL
);
CREATE UNIQUE INDEX index_mutes_on_account_id_and_target_account_id ON mutes (account_id, target_account_id);
CREATE INDEX index_mutes_on_target_account_id ON mutes (target_account_id);

-- Lists owned by an account.
CREATE TABLE lists (
	id             bigserial PRIMARY KEY,
	account_id     bigint NOT NULL,
	created_at     timestamp NOT NULL,
	exclusive      boolean NOT NULL DEFAULT false,
	replies_policy integer NOT NULL DEFAULT 0,
	title          varchar NOT NULL DEFAULT '',
	updated_at     timestamp NOT NULL
);
CREATE INDEX index_lists_on_account_id ON lists (account_id);

-- Members of a list; tied to the follow or follow request that allows it.
CREATE TABLE list_accounts (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	follow_id         bigint,
	follow_request_id bigint,
	list_id           bigint NOT NULL
);
CREATE UNIQUE INDEX index_list_accounts_on_account_id_and_list_id ON list_accounts (account_id, list_id);
CREATE INDEX index_list_accounts_on_follow_id ON list_accounts (follow_id) WHERE (follow_id IS NOT NULL);
CREATE INDEX index_list_accounts_on_follow_request_id ON list_accounts (follow_request_id) WHERE (follow_request_id IS NOT NULL);
CREATE INDEX index_list_accounts_on_list_id_and_account_id ON list_accounts (list_id, account_id);

-- Accounts hidden from one's follow suggestions.
CREATE TABLE follow_recommendation_mutes (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp(6) NOT NULL,
	target_account_id bigint NOT NULL,
	updated_at        timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX idx_on_account_id_target_account_id_a8c8ddf44e ON follow_recommendation_mutes (account_id, target_account_id);
CREATE INDEX index_follow_recommendation_mutes_on_target_account_id ON follow_recommendation_mutes (target_account_id);

-- Accounts excluded from everyone's follow suggestions.
CREATE TABLE follow_recommendation_suppressions (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp(6) NOT NULL,
	updated_at timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_follow_recommendation_suppressions_on_account_id ON follow_recommendation_suppressions (account_id);

-- Precomputed follow suggestions, keyed by account_id.
CREATE TABLE global_follow_recommendations (
	account_id bigserial PRIMARY KEY,
	rank       numeric NOT NULL,
	reason     varchar[] NOT NULL,
	stale      boolean NOT NULL DEFAULT false
);
CREATE INDEX index_global_follow_recommendations_on_rank ON global_follow_recommendations (rank);

-- Follow suggestions from a FASP provider. Its FKs to accounts have no ON DELETE: such a row
-- blocks deleting the account.
CREATE TABLE fasp_follow_recommendations (
	id                     bigserial PRIMARY KEY,
	created_at             timestamp(6) NOT NULL,
	recommended_account_id bigint NOT NULL,
	requesting_account_id  bigint NOT NULL,
	updated_at             timestamp(6) NOT NULL
);
CREATE INDEX index_fasp_follow_recommendations_on_recommended_account_id ON fasp_follow_recommendations (recommended_account_id);
CREATE INDEX index_fasp_follow_recommendations_on_requesting_account_id ON fasp_follow_recommendations (requesting_account_id);

-- An event (domain block, suspension) that cut relationships.
CREATE TABLE relationship_severance_events (
	id          bigserial PRIMARY KEY,
	created_at  timestamp(6) NOT NULL,
	purged      boolean NOT NULL DEFAULT false,
	target_name varchar NOT NULL,
	type        integer NOT NULL,
	updated_at  timestamp(6) NOT NULL
);
CREATE INDEX index_relationship_severance_events_on_type_and_target_name ON relationship_severance_events (type, target_name);

-- What one severance event cut for one local account (counts).
CREATE TABLE account_relationship_severance_events (
	id                              bigserial PRIMARY KEY,
	account_id                      bigint NOT NULL,
	created_at                      timestamp(6) NOT NULL,
	followers_count                 integer NOT NULL DEFAULT 0,
	following_count                 integer NOT NULL DEFAULT 0,
	relationship_severance_event_id bigint NOT NULL,
	updated_at                      timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX idx_on_account_id_relationship_severance_event_id_7bd82bf20e ON account_relationship_severance_events (account_id, relationship_severance_event_id);
CREATE INDEX idx_on_relationship_severance_event_id_403f53e707 ON account_relationship_severance_events (relationship_severance_event_id);

-- Relationships cut by such an event.
CREATE TABLE severed_relationships (
	id                              bigserial PRIMARY KEY,
	created_at                      timestamp(6) NOT NULL,
	direction                       integer NOT NULL,
	languages                       varchar[],
	local_account_id                bigint NOT NULL,
	notify                          boolean,
	relationship_severance_event_id bigint NOT NULL,
	remote_account_id               bigint NOT NULL,
	show_reblogs                    boolean,
	updated_at                      timestamp(6) NOT NULL
);
CREATE INDEX index_severed_relationships_on_local_account_and_event ON severed_relationships (local_account_id, relationship_severance_event_id);
CREATE INDEX index_severed_relationships_on_remote_account_id ON severed_relationships (remote_account_id);
CREATE UNIQUE INDEX index_severed_relationships_on_unique_tuples ON severed_relationships (relationship_severance_event_id, local_account_id, direction, remote_account_id);

-- CSV imports (follows, blocks, ...).
CREATE TABLE bulk_imports (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	created_at        timestamp(6) NOT NULL,
	finished_at       timestamp,
	imported_items    integer NOT NULL DEFAULT 0,
	likely_mismatched boolean NOT NULL DEFAULT false,
	missing_status    boolean NOT NULL DEFAULT false,
	original_filename varchar NOT NULL DEFAULT '',
	overwrite         boolean NOT NULL DEFAULT false,
	processed_items   integer NOT NULL DEFAULT 0,
	state             integer NOT NULL,
	total_items       integer NOT NULL DEFAULT 0,
	type              integer NOT NULL,
	updated_at        timestamp(6) NOT NULL
);
CREATE INDEX index_bulk_imports_on_account_id ON bulk_imports (account_id);
CREATE INDEX index_bulk_imports_unconfirmed ON bulk_imports (id) WHERE (state = 0);

-- Rows of a bulk import.
CREATE TABLE bulk_import_rows (
	id             bigserial PRIMARY KEY,
	bulk_import_id bigint NOT NULL,
	created_at     timestamp(6) NOT NULL,
	data           jsonb,
	updated_at     timestamp(6) NOT NULL
);
CREATE INDEX index_bulk_import_rows_on_bulk_import_id ON bulk_import_rows (bulk_import_id);

-- ---------------------------------------------------------------------------------------
-- Statuses.
-- Posts (and boosts, which are statuses with reblog_of_id set) and the rows that die
-- with them.
-- ---------------------------------------------------------------------------------------

-- Posts and boosts. local=false AND uri IS NOT NULL = remote. statuses remove deletes old remote
-- leaves; reblogs cascade, replies get in_reply_to_id NULL.
CREATE TABLE statuses (
	id                           bigint PRIMARY KEY DEFAULT timestamp_id('statuses'),
	account_id                   bigint NOT NULL,
	application_id               bigint,
	conversation_id              bigint,                     -- no FK
	created_at                   timestamp NOT NULL,
	deleted_at                   timestamp,
	edited_at                    timestamp,
	fetched_replies_at           timestamp(6),
	in_reply_to_account_id       bigint,
	in_reply_to_id               bigint,
	language                     varchar,
	local                        boolean,                    -- nullable; NULL rows are neither local nor remote for statuses remove
	ordered_media_attachment_ids bigint[],
	poll_id                      bigint,                     -- no FK
	quote_approval_policy        integer NOT NULL DEFAULT 0,
	reblog_of_id                 bigint,
	reply                        boolean NOT NULL DEFAULT false,
	sensitive                    boolean NOT NULL DEFAULT false,
	spoiler_text                 text NOT NULL DEFAULT '',
	text                         text NOT NULL DEFAULT '',
	trendable                    boolean,
	updated_at                   timestamp NOT NULL,
	uri                          varchar,
	url                          varchar,
	visibility                   integer NOT NULL DEFAULT 0  -- 0 public, 1 unlisted, 2 private, 3 direct, 4 limited
);
CREATE INDEX index_statuses_20190820 ON statuses (account_id, id DESC, visibility, updated_at) WHERE (deleted_at IS NULL);
CREATE INDEX index_statuses_local_20190824 ON statuses (id DESC, account_id) WHERE ((local OR (uri IS NULL)) AND (deleted_at IS NULL) AND (visibility = 0) AND (reblog_of_id IS NULL) AND ((NOT reply) OR (in_reply_to_account_id = account_id)));
CREATE INDEX index_statuses_on_account_id ON statuses (account_id);
CREATE INDEX index_statuses_on_conversation_id ON statuses (conversation_id);
CREATE INDEX index_statuses_on_deleted_at ON statuses (deleted_at) WHERE (deleted_at IS NOT NULL);
CREATE INDEX index_statuses_on_in_reply_to_account_id ON statuses (in_reply_to_account_id) WHERE (in_reply_to_account_id IS NOT NULL);
CREATE INDEX index_statuses_on_in_reply_to_id ON statuses (in_reply_to_id) WHERE (in_reply_to_id IS NOT NULL);
CREATE INDEX index_statuses_on_reblog_of_id_and_account_id ON statuses (reblog_of_id, account_id);
CREATE UNIQUE INDEX index_statuses_on_uri ON statuses (uri text_pattern_ops) WHERE (uri IS NOT NULL);
CREATE INDEX index_statuses_public_20250129 ON statuses (id DESC, language, account_id) WHERE ((deleted_at IS NULL) AND (visibility = 0) AND (reblog_of_id IS NULL) AND ((NOT reply) OR (in_reply_to_account_id = account_id)));

-- Counters per status (1:1).
CREATE TABLE status_stats (
	id                         bigserial PRIMARY KEY,
	created_at                 timestamp NOT NULL,
	favourites_count           bigint NOT NULL DEFAULT 0,
	quotes_count               bigint NOT NULL DEFAULT 0,
	reblogs_count              bigint NOT NULL DEFAULT 0,
	replies_count              bigint NOT NULL DEFAULT 0,
	status_id                  bigint NOT NULL,
	untrusted_favourites_count bigint,
	untrusted_reblogs_count    bigint,
	updated_at                 timestamp NOT NULL
);
CREATE UNIQUE INDEX index_status_stats_on_status_id ON status_stats (status_id);

-- Edit history.
CREATE TABLE status_edits (
	id                           bigserial PRIMARY KEY,
	account_id                   bigint,
	created_at                   timestamp(6) NOT NULL,
	media_descriptions           text[],
	ordered_media_attachment_ids bigint[],
	poll_options                 varchar[],
	quote_id                     bigint,
	sensitive                    boolean,
	spoiler_text                 text NOT NULL DEFAULT '',
	status_id                    bigint NOT NULL,
	text                         text NOT NULL DEFAULT '',
	updated_at                   timestamp(6) NOT NULL
);
CREATE INDEX index_status_edits_on_account_id ON status_edits (account_id);
CREATE INDEX index_status_edits_on_status_id ON status_edits (status_id);

-- Posts pinned (featured) on a profile.
CREATE TABLE status_pins (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	status_id  bigint NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE UNIQUE INDEX index_status_pins_on_account_id_and_status_id ON status_pins (account_id, status_id);
CREATE INDEX index_status_pins_on_status_id ON status_pins (status_id);

-- Trending posts.
CREATE TABLE status_trends (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	allowed    boolean NOT NULL DEFAULT false,
	language   varchar,
	rank       integer NOT NULL DEFAULT 0,
	score      double precision NOT NULL DEFAULT 0.0,
	status_id  bigint NOT NULL
);
CREATE INDEX index_status_trends_on_account_id ON status_trends (account_id);
CREATE UNIQUE INDEX index_status_trends_on_status_id ON status_trends (status_id);

-- Posts to be published later; media can wait attached to them.
CREATE TABLE scheduled_statuses (
	id           bigserial PRIMARY KEY,
	account_id   bigint NOT NULL,
	params       jsonb,
	scheduled_at timestamp
);
CREATE INDEX index_scheduled_statuses_on_account_id ON scheduled_statuses (account_id);
CREATE INDEX index_scheduled_statuses_on_scheduled_at ON scheduled_statuses (scheduled_at);

-- ActivityPub objects a status tags, by local (object_type, object_id) or by uri.
CREATE TABLE tagged_objects (
	id          bigserial PRIMARY KEY,
	ap_type     varchar NOT NULL,
	created_at  timestamp(6) NOT NULL,
	object_id   bigint,
	object_type varchar,
	status_id   bigint NOT NULL,
	updated_at  timestamp(6) NOT NULL,
	uri         varchar
);
CREATE UNIQUE INDEX idx_on_status_id_object_type_object_id_d6ebe374bd ON tagged_objects (status_id, object_type, object_id) WHERE ((object_type IS NOT NULL) AND (object_id IS NOT NULL));
CREATE INDEX index_tagged_objects_on_object ON tagged_objects (object_type, object_id);
CREATE UNIQUE INDEX index_tagged_objects_on_status_id_and_uri ON tagged_objects (status_id, uri) WHERE (uri IS NOT NULL);

-- Quote posts: status_id quotes quoted_status_id.
CREATE TABLE quotes (
	id                bigint PRIMARY KEY DEFAULT timestamp_id('quotes'),
	account_id        bigint NOT NULL,
	activity_uri      varchar,
	approval_uri      varchar,
	created_at        timestamp(6) NOT NULL,
	legacy            boolean NOT NULL DEFAULT false,
	quoted_account_id bigint,
	quoted_status_id  bigint,
	state             integer NOT NULL DEFAULT 0,  -- 0 pending, 1 accepted, 2 rejected, 3 revoked, 4 deleted
	status_id         bigint NOT NULL,
	updated_at        timestamp(6) NOT NULL
);
CREATE INDEX index_quotes_on_account_id_and_quoted_account_id_and_id ON quotes (account_id, quoted_account_id, id);
CREATE UNIQUE INDEX index_quotes_on_activity_uri ON quotes (activity_uri) WHERE (activity_uri IS NOT NULL);
CREATE INDEX index_quotes_on_approval_uri ON quotes (approval_uri) WHERE (approval_uri IS NOT NULL);
CREATE INDEX index_quotes_on_quoted_account_id ON quotes (quoted_account_id);
CREATE INDEX index_quotes_on_quoted_status_id_and_id ON quotes (quoted_status_id, id);
CREATE UNIQUE INDEX index_quotes_on_status_id ON quotes (status_id);

-- Polls of statuses (statuses.poll_id has no FK; this side has).
CREATE TABLE polls (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	cached_tallies  bigint[] NOT NULL DEFAULT '{}',
	created_at      timestamp NOT NULL,
	expires_at      timestamp,
	hide_totals     boolean NOT NULL DEFAULT false,
	last_fetched_at timestamp,
	lock_version    integer NOT NULL DEFAULT 0,
	multiple        boolean NOT NULL DEFAULT false,
	options         varchar[] NOT NULL DEFAULT '{}',
	status_id       bigint NOT NULL,
	updated_at      timestamp NOT NULL,
	voters_count    bigint,
	votes_count     bigint NOT NULL DEFAULT 0
);
CREATE INDEX index_polls_on_account_id ON polls (account_id);
CREATE INDEX index_polls_on_status_id ON polls (status_id);

-- Votes.
CREATE TABLE poll_votes (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	choice     integer NOT NULL DEFAULT 0,
	created_at timestamp NOT NULL,
	poll_id    bigint NOT NULL,
	updated_at timestamp NOT NULL,
	uri        varchar
);
CREATE INDEX index_poll_votes_on_account_id ON poll_votes (account_id);
CREATE INDEX index_poll_votes_on_poll_id ON poll_votes (poll_id);

-- Favourites.
CREATE TABLE favourites (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	status_id  bigint NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE INDEX index_favourites_on_account_id_and_id ON favourites (account_id, id);
CREATE UNIQUE INDEX index_favourites_on_account_id_and_status_id ON favourites (account_id, status_id);
CREATE INDEX index_favourites_on_status_id ON favourites (status_id);

-- Bookmarks (only local users have them).
CREATE TABLE bookmarks (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	status_id  bigint NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE UNIQUE INDEX index_bookmarks_on_account_id_and_status_id ON bookmarks (account_id, status_id);
CREATE INDEX index_bookmarks_on_status_id ON bookmarks (status_id);

-- Accounts mentioned by a status.
CREATE TABLE mentions (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp NOT NULL,
	silent     boolean NOT NULL DEFAULT false,
	status_id  bigint NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE UNIQUE INDEX index_mentions_on_account_id_and_status_id ON mentions (account_id, status_id);
CREATE INDEX index_mentions_on_status_id ON mentions (status_id);

-- ---------------------------------------------------------------------------------------
-- Tags.
-- Hashtags and what points at them.
-- ---------------------------------------------------------------------------------------

-- Hashtags.
CREATE TABLE tags (
	id                  bigserial PRIMARY KEY,
	created_at          timestamp NOT NULL,
	display_name        varchar,
	last_status_at      timestamp,
	listable            boolean,
	max_score           double precision,
	max_score_at        timestamp,
	name                varchar NOT NULL DEFAULT '',
	requested_review_at timestamp,
	reviewed_at         timestamp,
	trendable           boolean,
	updated_at          timestamp NOT NULL,
	usable              boolean
);
CREATE UNIQUE INDEX index_tags_on_name_lower_btree ON tags (lower(name) text_pattern_ops);

-- Tags of a status.
CREATE TABLE statuses_tags (
	status_id bigint NOT NULL,
	tag_id    bigint NOT NULL,
	PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX index_statuses_tags_on_status_id ON statuses_tags (status_id);

-- Followed hashtags.
CREATE TABLE tag_follows (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	created_at timestamp(6) NOT NULL,
	tag_id     bigint NOT NULL,
	updated_at timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_tag_follows_on_account_id_and_tag_id ON tag_follows (account_id, tag_id);
CREATE INDEX index_tag_follows_on_tag_id ON tag_follows (tag_id);

-- Trending hashtags.
CREATE TABLE tag_trends (
	id       bigserial PRIMARY KEY,
	allowed  boolean NOT NULL DEFAULT false,
	language varchar NOT NULL DEFAULT '',
	rank     integer NOT NULL DEFAULT 0,
	score    double precision NOT NULL DEFAULT 0.0,
	tag_id   bigint NOT NULL
);
CREATE UNIQUE INDEX index_tag_trends_on_tag_id_and_language ON tag_trends (tag_id, language);

-- Hashtags featured on a profile.
CREATE TABLE featured_tags (
	id             bigserial PRIMARY KEY,
	account_id     bigint NOT NULL,
	created_at     timestamp NOT NULL,
	last_status_at timestamp,
	name           varchar,
	statuses_count bigint NOT NULL DEFAULT 0,
	tag_id         bigint NOT NULL,
	updated_at     timestamp NOT NULL
);
CREATE UNIQUE INDEX index_featured_tags_on_account_id_and_tag_id ON featured_tags (account_id, tag_id);
CREATE INDEX index_featured_tags_on_tag_id ON featured_tags (tag_id);

-- ---------------------------------------------------------------------------------------
-- Conversations.
-- Threads. statuses.conversation_id has no FK; statuses remove deletes conversations no
-- status points at.
-- ---------------------------------------------------------------------------------------

-- Thread identity.
CREATE TABLE conversations (
	id                bigserial PRIMARY KEY,
	created_at        timestamp NOT NULL,
	parent_account_id bigint,  -- no FK
	parent_status_id  bigint,  -- no FK
	updated_at        timestamp NOT NULL,
	uri               varchar
);
CREATE UNIQUE INDEX index_conversations_on_parent_status_id ON conversations (parent_status_id) WHERE (parent_status_id IS NOT NULL);
CREATE UNIQUE INDEX index_conversations_on_uri ON conversations (uri text_pattern_ops) WHERE (uri IS NOT NULL);

-- A local user's view of a direct-message thread.
CREATE TABLE account_conversations (
	id                      bigserial PRIMARY KEY,
	account_id              bigint NOT NULL,
	conversation_id         bigint NOT NULL,
	last_status_id          bigint,  -- no FK
	lock_version            integer NOT NULL DEFAULT 0,
	participant_account_ids bigint[] NOT NULL DEFAULT '{}',
	status_ids              bigint[] NOT NULL DEFAULT '{}',
	unread                  boolean NOT NULL DEFAULT false
);
CREATE INDEX index_account_conversations_on_conversation_id ON account_conversations (conversation_id);
CREATE UNIQUE INDEX index_unique_conversations ON account_conversations (account_id, conversation_id, participant_account_ids);

-- Threads muted by an account.
CREATE TABLE conversation_mutes (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	conversation_id bigint NOT NULL
);
CREATE UNIQUE INDEX index_conversation_mutes_on_account_id_and_conversation_id ON conversation_mutes (account_id, conversation_id);

-- ---------------------------------------------------------------------------------------
-- Filters.
-- Per-user content filters.
-- ---------------------------------------------------------------------------------------

-- Filters.
CREATE TABLE custom_filters (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	action     integer NOT NULL DEFAULT 0,
	context    varchar[] NOT NULL DEFAULT '{}',
	created_at timestamp NOT NULL,
	expires_at timestamp,
	phrase     text NOT NULL DEFAULT '',
	updated_at timestamp NOT NULL
);
CREATE INDEX index_custom_filters_on_account_id ON custom_filters (account_id);

-- Keywords of a filter.
CREATE TABLE custom_filter_keywords (
	id               bigserial PRIMARY KEY,
	created_at       timestamp(6) NOT NULL,
	custom_filter_id bigint NOT NULL,
	keyword          text NOT NULL DEFAULT '',
	updated_at       timestamp(6) NOT NULL,
	whole_word       boolean NOT NULL DEFAULT true
);
CREATE INDEX index_custom_filter_keywords_on_custom_filter_id ON custom_filter_keywords (custom_filter_id);

-- Single statuses added to a filter.
CREATE TABLE custom_filter_statuses (
	id               bigserial PRIMARY KEY,
	created_at       timestamp(6) NOT NULL,
	custom_filter_id bigint NOT NULL,
	status_id        bigint NOT NULL,
	updated_at       timestamp(6) NOT NULL
);
CREATE INDEX index_custom_filter_statuses_on_custom_filter_id ON custom_filter_statuses (custom_filter_id);
CREATE UNIQUE INDEX index_custom_filter_statuses_on_status_id_and_custom_filter_id ON custom_filter_statuses (status_id, custom_filter_id);

-- ---------------------------------------------------------------------------------------
-- Media, preview cards, emojis and site uploads.
-- Rows owning files in storage (see docs/media.md, Key layout).
-- ---------------------------------------------------------------------------------------

-- Attached media. remote_url = '' is a local upload. media remove clears file_*/thumbnail_* of old
-- remote rows; statuses remove deletes unattached rows.
CREATE TABLE media_attachments (
	id                               bigint PRIMARY KEY DEFAULT timestamp_id('media_attachments'),
	account_id                       bigint,
	blurhash                         varchar,
	created_at                       timestamp NOT NULL,
	description                      text,
	file_content_type                varchar,
	file_file_name                   varchar,
	file_file_size                   integer,
	file_meta                        json,
	file_storage_schema_version      integer,                      -- >= 1 and remote: file under cache/
	file_updated_at                  timestamp,
	processing                       integer,                      -- 0 queued, 1 in progress, 2 complete, 3 failed
	remote_url                       varchar NOT NULL DEFAULT '',  -- '' = local upload
	scheduled_status_id              bigint,
	shortcode                        varchar,
	status_id                        bigint,
	thumbnail_content_type           varchar,
	thumbnail_file_name              varchar,
	thumbnail_file_size              integer,
	thumbnail_remote_url             varchar,
	thumbnail_storage_schema_version integer,                      -- >= 1 and remote: file under cache/
	thumbnail_updated_at             timestamp,
	type                             integer NOT NULL DEFAULT 0,   -- 0 image, 1 gifv, 2 video, 3 unknown, 4 audio
	updated_at                       timestamp NOT NULL
);
CREATE INDEX index_media_attachments_on_account_id_and_status_id ON media_attachments (account_id, status_id DESC);
CREATE INDEX index_media_attachments_on_scheduled_status_id ON media_attachments (scheduled_status_id) WHERE (scheduled_status_id IS NOT NULL);
CREATE UNIQUE INDEX index_media_attachments_on_shortcode ON media_attachments (shortcode text_pattern_ops) WHERE (shortcode IS NOT NULL);
CREATE INDEX index_media_attachments_on_status_id ON media_attachments (status_id);

-- Link previews. preview_cards remove clears image_*; rows are never deleted.
CREATE TABLE preview_cards (
	id                           bigserial PRIMARY KEY,
	author_account_id            bigint,
	author_name                  varchar NOT NULL DEFAULT '',
	author_url                   varchar NOT NULL DEFAULT '',
	blurhash                     varchar,
	created_at                   timestamp NOT NULL,
	description                  varchar NOT NULL DEFAULT '',
	embed_url                    varchar NOT NULL DEFAULT '',
	height                       integer NOT NULL DEFAULT 0,
	html                         text NOT NULL DEFAULT '',
	image_content_type           varchar,
	image_description            varchar NOT NULL DEFAULT '',
	image_file_name              varchar,
	image_file_size              integer,
	image_storage_schema_version integer,                     -- cards are never local: >= 1 means cache/
	image_updated_at             timestamp,
	language                     varchar,
	link_type                    integer,
	max_score                    double precision,
	max_score_at                 timestamp,
	provider_name                varchar NOT NULL DEFAULT '',
	provider_url                 varchar NOT NULL DEFAULT '',
	published_at                 timestamp(6),
	title                        varchar NOT NULL DEFAULT '',
	trendable                    boolean,
	type                         integer NOT NULL DEFAULT 0,  -- 0 link, 1 photo, 2 video, 3 rich
	unverified_author_account_id bigint,
	updated_at                   timestamp NOT NULL,
	url                          varchar NOT NULL DEFAULT '',
	width                        integer NOT NULL DEFAULT 0
);
CREATE INDEX index_preview_cards_on_author_account_id ON preview_cards (author_account_id) WHERE (author_account_id IS NOT NULL);
CREATE INDEX index_preview_cards_on_unverified_author_account_id_and_id ON preview_cards (unverified_author_account_id, id) WHERE (unverified_author_account_id IS NOT NULL);
CREATE UNIQUE INDEX index_preview_cards_on_url ON preview_cards (url);

-- Which statuses show which card. No FKs at all: rows of deleted statuses stay.
CREATE TABLE preview_cards_statuses (
	preview_card_id bigint NOT NULL,
	status_id       bigint NOT NULL,
	url             varchar,
	PRIMARY KEY (status_id, preview_card_id)
);

-- Trending links.
CREATE TABLE preview_card_trends (
	id              bigserial PRIMARY KEY,
	allowed         boolean NOT NULL DEFAULT false,
	language        varchar,
	preview_card_id bigint NOT NULL,
	rank            integer NOT NULL DEFAULT 0,
	score           double precision NOT NULL DEFAULT 0.0
);
CREATE UNIQUE INDEX index_preview_card_trends_on_preview_card_id ON preview_card_trends (preview_card_id);

-- Custom emojis; domain IS NULL = local.
CREATE TABLE custom_emojis (
	id                           bigserial PRIMARY KEY,
	category_id                  bigint,
	created_at                   timestamp NOT NULL,
	disabled                     boolean NOT NULL DEFAULT false,
	domain                       varchar,  -- NULL = local
	image_content_type           varchar,
	image_file_name              varchar,
	image_file_size              integer,
	image_remote_url             varchar,
	image_storage_schema_version integer,
	image_updated_at             timestamp,
	shortcode                    varchar NOT NULL DEFAULT '',
	updated_at                   timestamp NOT NULL,
	uri                          varchar,
	visible_in_picker            boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX index_custom_emojis_on_shortcode_and_domain ON custom_emojis (shortcode, domain);

-- Emoji picker categories.
CREATE TABLE custom_emoji_categories (
	id                bigserial PRIMARY KEY,
	created_at        timestamp NOT NULL,
	featured_emoji_id bigint,
	name              varchar,
	updated_at        timestamp NOT NULL
);
CREATE UNIQUE INDEX index_custom_emoji_categories_on_name ON custom_emoji_categories (name);

-- Admin uploads (thumbnail, favicon, ...); var names the slot.
CREATE TABLE site_uploads (
	id                bigserial PRIMARY KEY,
	blurhash          varchar,
	created_at        timestamp NOT NULL,
	file_content_type varchar,
	file_file_name    varchar,
	file_file_size    integer,
	file_updated_at   timestamp,
	meta              json,
	updated_at        timestamp NOT NULL,
	var               varchar NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX index_site_uploads_on_var ON site_uploads (var);

-- ---------------------------------------------------------------------------------------
-- Notifications.
-- Notifications point at their activity by (activity_type, activity_id) without a FK.
-- ---------------------------------------------------------------------------------------

-- Notifications.
CREATE TABLE notifications (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	activity_id     bigint NOT NULL,  -- no FK; the table is named by activity_type
	activity_type   varchar NOT NULL,
	created_at      timestamp NOT NULL,
	filtered        boolean NOT NULL DEFAULT false,
	from_account_id bigint NOT NULL,
	group_key       varchar,
	type            varchar,
	updated_at      timestamp NOT NULL
);
CREATE INDEX index_notifications_on_account_id_and_group_key ON notifications (account_id, group_key) WHERE (group_key IS NOT NULL);
CREATE INDEX index_notifications_on_account_id_and_id_and_type ON notifications (account_id, id DESC, type);
CREATE INDEX index_notifications_on_activity_id_and_activity_type ON notifications (activity_id, activity_type);
CREATE INDEX index_notifications_on_filtered ON notifications (account_id, id DESC, type) WHERE (filtered = false);
CREATE INDEX index_notifications_on_from_account_id ON notifications (from_account_id);

-- Filtered notifications grouped per sender.
CREATE TABLE notification_requests (
	id                  bigint PRIMARY KEY DEFAULT timestamp_id('notification_requests'),
	account_id          bigint NOT NULL,
	created_at          timestamp(6) NOT NULL,
	from_account_id     bigint NOT NULL,
	last_status_id      bigint,
	notifications_count bigint NOT NULL DEFAULT 0,
	updated_at          timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_notification_requests_on_account_id_and_from_account_id ON notification_requests (account_id, from_account_id);
CREATE INDEX index_notification_requests_on_from_account_id ON notification_requests (from_account_id);
CREATE INDEX index_notification_requests_on_last_status_id ON notification_requests (last_status_id);

-- Senders a user let through the filter.
CREATE TABLE notification_permissions (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	created_at      timestamp(6) NOT NULL,
	from_account_id bigint NOT NULL,
	updated_at      timestamp(6) NOT NULL
);
CREATE INDEX index_notification_permissions_on_account_id ON notification_permissions (account_id);
CREATE INDEX index_notification_permissions_on_from_account_id ON notification_permissions (from_account_id);

-- Notification filter settings per account.
CREATE TABLE notification_policies (
	id                   bigserial PRIMARY KEY,
	account_id           bigint NOT NULL,
	created_at           timestamp(6) NOT NULL,
	for_bots             integer NOT NULL DEFAULT 0,
	for_limited_accounts integer NOT NULL DEFAULT 1,
	for_new_accounts     integer NOT NULL DEFAULT 0,
	for_not_followers    integer NOT NULL DEFAULT 0,
	for_not_following    integer NOT NULL DEFAULT 0,
	for_private_mentions integer NOT NULL DEFAULT 1,
	updated_at           timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_notification_policies_on_account_id ON notification_policies (account_id);

-- ---------------------------------------------------------------------------------------
-- Moderation.
-- Reports, warnings, appeals and notes.
-- ---------------------------------------------------------------------------------------

-- Reports. status_ids is a plain array, not a FK.
CREATE TABLE reports (
	id                         bigserial PRIMARY KEY,
	account_id                 bigint NOT NULL,
	action_taken_at            timestamp,
	action_taken_by_account_id bigint,
	application_id             bigint,
	assigned_account_id        bigint,
	category                   integer NOT NULL DEFAULT 0,
	comment                    text NOT NULL DEFAULT '',
	created_at                 timestamp NOT NULL,
	forwarded                  boolean,
	rule_ids                   bigint[],
	status_ids                 bigint[] NOT NULL DEFAULT '{}',  -- no FK
	target_account_id          bigint NOT NULL,
	updated_at                 timestamp NOT NULL,
	uri                        varchar
);
CREATE INDEX index_reports_on_account_id ON reports (account_id);
CREATE INDEX index_reports_on_action_taken_by_account_id ON reports (action_taken_by_account_id) WHERE (action_taken_by_account_id IS NOT NULL);
CREATE INDEX index_reports_on_assigned_account_id ON reports (assigned_account_id) WHERE (assigned_account_id IS NOT NULL);
CREATE INDEX index_reports_on_target_account_id ON reports (target_account_id);

-- Moderator notes on a report.
CREATE TABLE report_notes (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	content    text NOT NULL,
	created_at timestamp NOT NULL,
	report_id  bigint NOT NULL,
	updated_at timestamp NOT NULL
);
CREATE INDEX index_report_notes_on_account_id ON report_notes (account_id);
CREATE INDEX index_report_notes_on_report_id ON report_notes (report_id);

-- Strikes issued to an account.
CREATE TABLE account_warnings (
	id                bigserial PRIMARY KEY,
	account_id        bigint,
	action            integer NOT NULL DEFAULT 0,
	created_at        timestamp NOT NULL,
	overruled_at      timestamp,
	report_id         bigint,
	status_ids        varchar[],
	target_account_id bigint,
	text              text NOT NULL DEFAULT '',
	updated_at        timestamp NOT NULL
);
CREATE INDEX index_account_warnings_on_account_id ON account_warnings (account_id);
CREATE INDEX index_account_warnings_on_target_account_id ON account_warnings (target_account_id);

-- Appeals against a strike.
CREATE TABLE appeals (
	id                     bigserial PRIMARY KEY,
	account_id             bigint NOT NULL,
	account_warning_id     bigint NOT NULL,
	approved_at            timestamp,
	approved_by_account_id bigint,
	created_at             timestamp(6) NOT NULL,
	rejected_at            timestamp,
	rejected_by_account_id bigint,
	text                   text NOT NULL DEFAULT '',
	updated_at             timestamp(6) NOT NULL
);
CREATE INDEX index_appeals_on_account_id ON appeals (account_id);
CREATE UNIQUE INDEX index_appeals_on_account_warning_id ON appeals (account_warning_id);
CREATE INDEX index_appeals_on_approved_by_account_id ON appeals (approved_by_account_id) WHERE (approved_by_account_id IS NOT NULL);
CREATE INDEX index_appeals_on_rejected_by_account_id ON appeals (rejected_by_account_id) WHERE (rejected_by_account_id IS NOT NULL);

-- Moderator notes about an account.
CREATE TABLE account_moderation_notes (
	id                bigserial PRIMARY KEY,
	account_id        bigint NOT NULL,
	content           text NOT NULL,
	created_at        timestamp NOT NULL,
	target_account_id bigint NOT NULL,
	updated_at        timestamp NOT NULL
);
CREATE INDEX index_account_moderation_notes_on_account_id ON account_moderation_notes (account_id);
CREATE INDEX index_account_moderation_notes_on_target_account_id ON account_moderation_notes (target_account_id);

-- Moderator notes about a domain.
CREATE TABLE instance_moderation_notes (
	id         bigserial PRIMARY KEY,
	account_id bigint NOT NULL,
	content    text,
	created_at timestamp(6) NOT NULL,
	domain     varchar NOT NULL,
	updated_at timestamp(6) NOT NULL
);
CREATE INDEX index_instance_moderation_notes_on_domain ON instance_moderation_notes (domain);

-- Audit log of moderator actions.
CREATE TABLE admin_action_logs (
	id                      bigserial PRIMARY KEY,
	account_id              bigint NOT NULL,
	action                  varchar NOT NULL DEFAULT '',
	created_at              timestamp NOT NULL,
	human_identifier        varchar,
	permalink               varchar,
	recorded_changes        jsonb,
	recorded_changes_format varchar,
	route_param             varchar,
	target_id               bigint,
	target_type             varchar,
	updated_at              timestamp NOT NULL
);
CREATE INDEX index_admin_action_logs_on_account_id ON admin_action_logs (account_id);
CREATE INDEX index_admin_action_logs_on_target_type_and_target_id ON admin_action_logs (target_type, target_id);

-- Blocked e-mail hashes, optionally tied to the account that caused them.
CREATE TABLE canonical_email_blocks (
	id                   bigserial PRIMARY KEY,
	canonical_email_hash varchar NOT NULL DEFAULT '',
	created_at           timestamp(6) NOT NULL,
	reference_account_id bigint,
	updated_at           timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_canonical_email_blocks_on_canonical_email_hash ON canonical_email_blocks (canonical_email_hash);
CREATE INDEX index_canonical_email_blocks_on_reference_account_id ON canonical_email_blocks (reference_account_id);

-- ---------------------------------------------------------------------------------------
-- Collections.
-- Curated account lists. Their account FKs have no ON DELETE, so an account owning or
-- listed in one cannot be deleted before them.
-- ---------------------------------------------------------------------------------------

-- Collections.
CREATE TABLE collections (
	id                       bigint PRIMARY KEY DEFAULT timestamp_id('collections'),
	account_id               bigint NOT NULL,
	created_at               timestamp(6) NOT NULL,
	description              text,
	description_html         text,
	discoverable             boolean NOT NULL,
	item_count               integer NOT NULL DEFAULT 0,
	language                 varchar,
	local                    boolean NOT NULL,
	name                     varchar NOT NULL,
	original_number_of_items integer,
	sensitive                boolean NOT NULL,
	tag_id                   bigint,
	updated_at               timestamp(6) NOT NULL,
	uri                      varchar,
	url                      varchar
);
CREATE INDEX index_collections_on_account_id ON collections (account_id);
CREATE INDEX index_collections_on_tag_id ON collections (tag_id);
CREATE UNIQUE INDEX index_collections_on_uri ON collections (uri) WHERE (uri IS NOT NULL);

-- Accounts in a collection.
CREATE TABLE collection_items (
	id                        bigint PRIMARY KEY DEFAULT timestamp_id('collection_items'),
	account_id                bigint,
	activity_uri              varchar,
	approval_last_verified_at timestamp(6),
	approval_uri              varchar,
	collection_id             bigint NOT NULL,
	created_at                timestamp(6) NOT NULL,
	object_uri                varchar,
	position                  integer NOT NULL DEFAULT 1,
	state                     integer NOT NULL DEFAULT 0,
	updated_at                timestamp(6) NOT NULL,
	uri                       varchar
);
CREATE UNIQUE INDEX index_collection_items_on_account_id_and_collection_id ON collection_items (account_id, collection_id);
CREATE UNIQUE INDEX index_collection_items_on_approval_uri ON collection_items (approval_uri) WHERE (approval_uri IS NOT NULL);
CREATE INDEX index_collection_items_on_collection_id ON collection_items (collection_id);
CREATE INDEX index_collection_items_on_state ON collection_items (state) WHERE (state = ANY (ARRAY[2, 3]));
CREATE UNIQUE INDEX index_collection_items_on_uri ON collection_items (uri) WHERE (uri IS NOT NULL);

-- Reports about a collection.
CREATE TABLE collection_reports (
	id            bigserial PRIMARY KEY,
	collection_id bigint NOT NULL,
	created_at    timestamp(6) NOT NULL,
	report_id     bigint NOT NULL,
	updated_at    timestamp(6) NOT NULL
);
CREATE INDEX index_collection_reports_on_collection_id ON collection_reports (collection_id);
CREATE INDEX index_collection_reports_on_report_id ON collection_reports (report_id);

-- ---------------------------------------------------------------------------------------
-- Announcements.
-- Admin announcements and users' reactions to them.
-- ---------------------------------------------------------------------------------------

-- Announcements.
CREATE TABLE announcements (
	id                   bigserial PRIMARY KEY,
	all_day              boolean NOT NULL DEFAULT false,
	created_at           timestamp NOT NULL,
	ends_at              timestamp,
	notification_sent_at timestamp(6),
	published            boolean NOT NULL DEFAULT false,
	published_at         timestamp,
	scheduled_at         timestamp,
	starts_at            timestamp,
	status_ids           bigint[],
	text                 text NOT NULL DEFAULT '',
	updated_at           timestamp NOT NULL
);

-- Announcements dismissed by an account.
CREATE TABLE announcement_mutes (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	announcement_id bigint NOT NULL,
	created_at      timestamp NOT NULL,
	updated_at      timestamp NOT NULL
);
CREATE UNIQUE INDEX index_announcement_mutes_on_account_id_and_announcement_id ON announcement_mutes (account_id, announcement_id);
CREATE INDEX index_announcement_mutes_on_announcement_id ON announcement_mutes (announcement_id);

-- Emoji reactions to an announcement.
CREATE TABLE announcement_reactions (
	id              bigserial PRIMARY KEY,
	account_id      bigint NOT NULL,
	announcement_id bigint NOT NULL,
	created_at      timestamp NOT NULL,
	custom_emoji_id bigint,
	name            varchar NOT NULL DEFAULT '',
	updated_at      timestamp NOT NULL
);
CREATE UNIQUE INDEX index_announcement_reactions_on_account_id_and_announcement_id ON announcement_reactions (account_id, announcement_id, name);
CREATE INDEX index_announcement_reactions_on_announcement_id ON announcement_reactions (announcement_id);
CREATE INDEX index_announcement_reactions_on_custom_emoji_id ON announcement_reactions (custom_emoji_id) WHERE (custom_emoji_id IS NOT NULL);

-- ---------------------------------------------------------------------------------------
-- Settings.
-- Admin settings, YAML values (e.g. media_cache_retention_period).
-- ---------------------------------------------------------------------------------------

-- Site settings.
CREATE TABLE settings (
	id         bigserial PRIMARY KEY,
	created_at timestamp,
	updated_at timestamp,
	value      text,  -- YAML, e.g. '--- 30\n'
	var        varchar NOT NULL
);
CREATE UNIQUE INDEX index_settings_on_var ON settings (var);

-- ---------------------------------------------------------------------------------------
-- Foreign keys, grouped by the table they point at.
-- Within a group: CASCADE (the referencing row goes too), then SET NULL (the column is cleared),
-- then no ON DELETE (the delete fails while such a row exists).
-- ---------------------------------------------------------------------------------------

-- -> accounts
ALTER TABLE account_aliases ADD CONSTRAINT fk_rails_fc91575d08                       FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_conversations ADD CONSTRAINT fk_rails_6f5278b6e9                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_deletion_requests ADD CONSTRAINT fk_rails_45bf2626b9             FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_domain_blocks ADD CONSTRAINT fk_206c6029bd                       FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_migrations ADD CONSTRAINT fk_rails_c9f701caaf                    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_moderation_notes ADD CONSTRAINT fk_rails_3f8b75089b              FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_moderation_notes ADD CONSTRAINT fk_rails_dd62ed5ac3              FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_notes ADD CONSTRAINT fk_rails_4ee4503c69                         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_notes ADD CONSTRAINT fk_rails_2801b48f1a                         FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_pins ADD CONSTRAINT fk_rails_d44979e5dd                          FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_pins ADD CONSTRAINT fk_rails_a176e26c37                          FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_relationship_severance_events ADD CONSTRAINT fk_rails_030c916965 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_stats ADD CONSTRAINT fk_rails_215bb31ff1                         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_statuses_cleanup_policies ADD CONSTRAINT fk_rails_23d5f73cfe     FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_summaries ADD CONSTRAINT fk_rails_4ea43ef304                     FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_warnings ADD CONSTRAINT fk_rails_a7ebbb1e37                      FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE admin_action_logs ADD CONSTRAINT fk_rails_a7667297fa                     FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE announcement_mutes ADD CONSTRAINT fk_rails_9c99f8e835                    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE announcement_reactions ADD CONSTRAINT fk_rails_7444ad831f                FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE appeals ADD CONSTRAINT fk_rails_ea84881569                               FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE blocks ADD CONSTRAINT fk_4269e03e65                                      FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE blocks ADD CONSTRAINT fk_9571bfabc1                                      FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE bookmarks ADD CONSTRAINT fk_rails_9f6ac182a6                             FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE bulk_imports ADD CONSTRAINT fk_rails_1d89c0f8b2                          FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE canonical_email_blocks ADD CONSTRAINT fk_rails_1ecb262096                FOREIGN KEY (reference_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE conversation_mutes ADD CONSTRAINT fk_225b4212bb                          FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE custom_filters ADD CONSTRAINT fk_rails_8b8d786993                        FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE email_subscriptions ADD CONSTRAINT fk_rails_282940e759                   FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE favourites ADD CONSTRAINT fk_5eb6c2b873                                  FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE featured_tags ADD CONSTRAINT fk_rails_174efcf15f                         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follow_recommendation_mutes ADD CONSTRAINT fk_rails_d36abd69ea           FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follow_recommendation_mutes ADD CONSTRAINT fk_rails_a9f09ec9a8           FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follow_recommendation_suppressions ADD CONSTRAINT fk_rails_dfb9a1dbe2    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follow_requests ADD CONSTRAINT fk_76d644b0e7                             FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follow_requests ADD CONSTRAINT fk_9291ec025d                             FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follows ADD CONSTRAINT fk_32ed1b5560                                     FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE follows ADD CONSTRAINT fk_745ca29eac                                     FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE generated_annual_reports ADD CONSTRAINT fk_rails_4ca37f035c              FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE global_follow_recommendations ADD CONSTRAINT fk_rails_bacefde68a         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE instance_moderation_notes ADD CONSTRAINT fk_rails_62f919e09b             FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE keypairs ADD CONSTRAINT fk_rails_f5ea7ac36a                              FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE list_accounts ADD CONSTRAINT fk_rails_85fee9d6ab                         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE lists ADD CONSTRAINT fk_rails_3853b78dac                                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE mentions ADD CONSTRAINT fk_970d43f9d1                                    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE mutes ADD CONSTRAINT fk_b8d8daf315                                       FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE mutes ADD CONSTRAINT fk_eecff219ea                                       FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notification_permissions ADD CONSTRAINT fk_rails_7c0bed08df              FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notification_permissions ADD CONSTRAINT fk_rails_e3e0aaad70              FOREIGN KEY (from_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notification_policies ADD CONSTRAINT fk_rails_506d62f0da                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notification_requests ADD CONSTRAINT fk_rails_881c7f71c4                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notification_requests ADD CONSTRAINT fk_rails_5632f121b4                 FOREIGN KEY (from_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notifications ADD CONSTRAINT fk_c141c8ee55                               FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE notifications ADD CONSTRAINT fk_fbd6b0bf9e                               FOREIGN KEY (from_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE poll_votes ADD CONSTRAINT fk_rails_b6c18cf44a                            FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE polls ADD CONSTRAINT fk_rails_5b19a0c011                                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE quotes ADD CONSTRAINT fk_rails_36d54169fc                                FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE report_notes ADD CONSTRAINT fk_rails_cae66353f3                          FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE reports ADD CONSTRAINT fk_4b81f7522c                                     FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE reports ADD CONSTRAINT fk_eb37af34f0                                     FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE scheduled_statuses ADD CONSTRAINT fk_rails_23bd9018f9                    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE severed_relationships ADD CONSTRAINT fk_rails_98ff099d4c                 FOREIGN KEY (local_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE severed_relationships ADD CONSTRAINT fk_rails_f7afd97ba4                 FOREIGN KEY (remote_account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE status_pins ADD CONSTRAINT fk_d4cb435b62                                 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE status_trends ADD CONSTRAINT fk_rails_a6b527ea49                         FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE statuses ADD CONSTRAINT fk_9bda1543f7                                    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE tag_follows ADD CONSTRAINT fk_rails_091e831473                           FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE tombstones ADD CONSTRAINT fk_rails_f95b861449                            FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE users ADD CONSTRAINT fk_50500f500d                                       FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE;
ALTER TABLE account_migrations ADD CONSTRAINT fk_rails_d9a8dad070                    FOREIGN KEY (target_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE account_warnings ADD CONSTRAINT fk_rails_a65a1bf71b                      FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE accounts ADD CONSTRAINT fk_rails_2320833084                              FOREIGN KEY (moved_to_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE appeals ADD CONSTRAINT fk_rails_9deb2f63ad                               FOREIGN KEY (approved_by_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE appeals ADD CONSTRAINT fk_rails_501c3a6e13                               FOREIGN KEY (rejected_by_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE media_attachments ADD CONSTRAINT fk_96dd81e81b                           FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE preview_cards ADD CONSTRAINT fk_rails_dca4905b94                         FOREIGN KEY (author_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE preview_cards ADD CONSTRAINT fk_rails_6fb2119894                         FOREIGN KEY (unverified_author_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE quotes ADD CONSTRAINT fk_rails_bfc5276b70                                FOREIGN KEY (quoted_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE reports ADD CONSTRAINT fk_bca45b75fd                                     FOREIGN KEY (action_taken_by_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE reports ADD CONSTRAINT fk_rails_4e7a498fb4                               FOREIGN KEY (assigned_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE status_edits ADD CONSTRAINT fk_rails_dc8988c545                          FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE statuses ADD CONSTRAINT fk_c7fa917661                                    FOREIGN KEY (in_reply_to_account_id) REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE collection_items ADD CONSTRAINT fk_rails_2eb992658d                      FOREIGN KEY (account_id) REFERENCES accounts(id);
ALTER TABLE collections ADD CONSTRAINT fk_rails_544f142936                           FOREIGN KEY (account_id) REFERENCES accounts(id);
ALTER TABLE fasp_follow_recommendations ADD CONSTRAINT fk_rails_5c63a5fd1b           FOREIGN KEY (recommended_account_id) REFERENCES accounts(id);
ALTER TABLE fasp_follow_recommendations ADD CONSTRAINT fk_rails_71623d7e2c           FOREIGN KEY (requesting_account_id) REFERENCES accounts(id);

-- -> statuses
ALTER TABLE bookmarks ADD CONSTRAINT fk_rails_11207ffcfd              FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE custom_filter_statuses ADD CONSTRAINT fk_rails_2f6d20c0cf FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE favourites ADD CONSTRAINT fk_b0e856845e                   FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE mentions ADD CONSTRAINT fk_rails_59edbe2887               FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE polls ADD CONSTRAINT fk_rails_3e0d9f1115                  FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE quotes ADD CONSTRAINT fk_rails_bd3ab4462c                 FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE status_edits ADD CONSTRAINT fk_rails_a960f234a0           FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE status_pins ADD CONSTRAINT fk_rails_65c05552f1            FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE status_stats ADD CONSTRAINT fk_rails_4a247aac42           FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE status_trends ADD CONSTRAINT fk_rails_68c610dc1a          FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE statuses ADD CONSTRAINT fk_rails_256483a9ab               FOREIGN KEY (reblog_of_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE statuses_tags ADD CONSTRAINT fk_rails_df0fe11427          FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE tagged_objects ADD CONSTRAINT fk_rails_087c1d32f7         FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE CASCADE;
ALTER TABLE media_attachments ADD CONSTRAINT fk_rails_3ec0cfdd70      FOREIGN KEY (status_id) REFERENCES statuses(id) ON DELETE SET NULL;
ALTER TABLE notification_requests ADD CONSTRAINT fk_rails_61c7aa9c1f  FOREIGN KEY (last_status_id) REFERENCES statuses(id) ON DELETE SET NULL;
ALTER TABLE quotes ADD CONSTRAINT fk_rails_38068caa0e                 FOREIGN KEY (quoted_status_id) REFERENCES statuses(id) ON DELETE SET NULL;
ALTER TABLE statuses ADD CONSTRAINT fk_rails_94a6f70399               FOREIGN KEY (in_reply_to_id) REFERENCES statuses(id) ON DELETE SET NULL;

-- -> user_roles
ALTER TABLE users ADD CONSTRAINT fk_rails_642f17018b FOREIGN KEY (role_id) REFERENCES user_roles(id) ON DELETE SET NULL;

-- -> invites
ALTER TABLE users ADD CONSTRAINT fk_rails_8fb2a43e88 FOREIGN KEY (invite_id) REFERENCES invites(id) ON DELETE SET NULL;

-- -> users
ALTER TABLE identities ADD CONSTRAINT fk_bea040f377                   FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE invites ADD CONSTRAINT fk_rails_ff69dbb2ac                FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE login_activities ADD CONSTRAINT fk_rails_e4b6396b41       FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE markers ADD CONSTRAINT fk_rails_a7009bc2b6                FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE oauth_access_grants ADD CONSTRAINT fk_63b044929b          FOREIGN KEY (resource_owner_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE oauth_access_tokens ADD CONSTRAINT fk_e84df68546          FOREIGN KEY (resource_owner_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE oauth_applications ADD CONSTRAINT fk_b0988c7c0a           FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE session_activations ADD CONSTRAINT fk_e5fda67334          FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE user_invite_requests ADD CONSTRAINT fk_rails_3773f15361   FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE web_push_subscriptions ADD CONSTRAINT fk_rails_b006f28dac FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE web_settings ADD CONSTRAINT fk_11910667b2                 FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE webauthn_credentials ADD CONSTRAINT fk_rails_a4355aef77   FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE backups ADD CONSTRAINT fk_rails_096669d221                FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL;

-- -> oauth_applications
ALTER TABLE oauth_access_grants ADD CONSTRAINT fk_34d54b0a33 FOREIGN KEY (application_id) REFERENCES oauth_applications(id) ON DELETE CASCADE;
ALTER TABLE oauth_access_tokens ADD CONSTRAINT fk_f5fc4c1ee3 FOREIGN KEY (application_id) REFERENCES oauth_applications(id) ON DELETE CASCADE;
ALTER TABLE reports ADD CONSTRAINT fk_rails_3deb8c7acb       FOREIGN KEY (application_id) REFERENCES oauth_applications(id) ON DELETE SET NULL;
ALTER TABLE users ADD CONSTRAINT fk_rails_ecc9536e7c         FOREIGN KEY (created_by_application_id) REFERENCES oauth_applications(id) ON DELETE SET NULL;

-- -> oauth_access_tokens
ALTER TABLE session_activations ADD CONSTRAINT fk_957e5bda89          FOREIGN KEY (access_token_id) REFERENCES oauth_access_tokens(id) ON DELETE CASCADE;
ALTER TABLE web_push_subscriptions ADD CONSTRAINT fk_rails_751a9f390b FOREIGN KEY (access_token_id) REFERENCES oauth_access_tokens(id) ON DELETE CASCADE;

-- -> follows
ALTER TABLE list_accounts ADD CONSTRAINT fk_rails_40f9cc29f1 FOREIGN KEY (follow_id) REFERENCES follows(id) ON DELETE CASCADE;

-- -> follow_requests
ALTER TABLE list_accounts ADD CONSTRAINT fk_rails_f11f9d1fcc FOREIGN KEY (follow_request_id) REFERENCES follow_requests(id) ON DELETE CASCADE;

-- -> lists
ALTER TABLE list_accounts ADD CONSTRAINT fk_rails_e54e356c88 FOREIGN KEY (list_id) REFERENCES lists(id) ON DELETE CASCADE;

-- -> relationship_severance_events
ALTER TABLE account_relationship_severance_events ADD CONSTRAINT fk_rails_8a34c3a361 FOREIGN KEY (relationship_severance_event_id) REFERENCES relationship_severance_events(id) ON DELETE CASCADE;
ALTER TABLE severed_relationships ADD CONSTRAINT fk_rails_5054494e1e                 FOREIGN KEY (relationship_severance_event_id) REFERENCES relationship_severance_events(id) ON DELETE CASCADE;

-- -> bulk_imports
ALTER TABLE bulk_import_rows ADD CONSTRAINT fk_rails_d39af34335 FOREIGN KEY (bulk_import_id) REFERENCES bulk_imports(id) ON DELETE CASCADE;

-- -> scheduled_statuses
ALTER TABLE media_attachments ADD CONSTRAINT fk_rails_31fc5aeef1 FOREIGN KEY (scheduled_status_id) REFERENCES scheduled_statuses(id) ON DELETE SET NULL;

-- -> polls
ALTER TABLE poll_votes ADD CONSTRAINT fk_rails_a6e6974b7e FOREIGN KEY (poll_id) REFERENCES polls(id) ON DELETE CASCADE;

-- -> tags
ALTER TABLE featured_tags ADD CONSTRAINT fk_rails_23a9055c7c FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE;
ALTER TABLE statuses_tags ADD CONSTRAINT fk_3081861e21       FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE;
ALTER TABLE tag_follows ADD CONSTRAINT fk_rails_0deefe597f   FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE;
ALTER TABLE tag_trends ADD CONSTRAINT fk_rails_3033046460    FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE;
ALTER TABLE collections ADD CONSTRAINT fk_rails_70f13aad15   FOREIGN KEY (tag_id) REFERENCES tags(id);

-- -> conversations
ALTER TABLE account_conversations ADD CONSTRAINT fk_rails_1491654f9f FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE;
ALTER TABLE conversation_mutes ADD CONSTRAINT fk_rails_5ab139311f    FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE;

-- -> custom_filters
ALTER TABLE custom_filter_keywords ADD CONSTRAINT fk_rails_5a49a74012 FOREIGN KEY (custom_filter_id) REFERENCES custom_filters(id) ON DELETE CASCADE;
ALTER TABLE custom_filter_statuses ADD CONSTRAINT fk_rails_e2ddaf5b14 FOREIGN KEY (custom_filter_id) REFERENCES custom_filters(id) ON DELETE CASCADE;

-- -> preview_cards
ALTER TABLE preview_card_trends ADD CONSTRAINT fk_rails_371593db34 FOREIGN KEY (preview_card_id) REFERENCES preview_cards(id) ON DELETE CASCADE;

-- -> custom_emojis
ALTER TABLE announcement_reactions ADD CONSTRAINT fk_rails_b742c91c0e  FOREIGN KEY (custom_emoji_id) REFERENCES custom_emojis(id) ON DELETE CASCADE;
ALTER TABLE custom_emoji_categories ADD CONSTRAINT fk_rails_ad7840c8cf FOREIGN KEY (featured_emoji_id) REFERENCES custom_emojis(id) ON DELETE SET NULL;

-- -> reports
ALTER TABLE account_warnings ADD CONSTRAINT fk_rails_8f2bab4b16   FOREIGN KEY (report_id) REFERENCES reports(id) ON DELETE CASCADE;
ALTER TABLE collection_reports ADD CONSTRAINT fk_rails_4a504bd5e6 FOREIGN KEY (report_id) REFERENCES reports(id) ON DELETE CASCADE;
ALTER TABLE report_notes ADD CONSTRAINT fk_rails_7fa83a61eb       FOREIGN KEY (report_id) REFERENCES reports(id) ON DELETE CASCADE;

-- -> account_warnings
ALTER TABLE appeals ADD CONSTRAINT fk_rails_a99f14546e FOREIGN KEY (account_warning_id) REFERENCES account_warnings(id) ON DELETE CASCADE;

-- -> collections
ALTER TABLE collection_items ADD CONSTRAINT fk_rails_b1a778644b   FOREIGN KEY (collection_id) REFERENCES collections(id) ON DELETE CASCADE;
ALTER TABLE collection_reports ADD CONSTRAINT fk_rails_0720c1a3d6 FOREIGN KEY (collection_id) REFERENCES collections(id) ON DELETE CASCADE;

-- -> announcements
ALTER TABLE announcement_mutes ADD CONSTRAINT fk_rails_e35401adf1     FOREIGN KEY (announcement_id) REFERENCES announcements(id) ON DELETE CASCADE;
ALTER TABLE announcement_reactions ADD CONSTRAINT fk_rails_a1226eaa5c FOREIGN KEY (announcement_id) REFERENCES announcements(id) ON DELETE CASCADE;
