-- A generated Mastodon instance for the statuses-remove benchmark, on a database holding Mastodon's schema.
-- Size: the setting bench.statuses (SELECT set_config('bench.statuses', '1000000', false) first), in one
-- session. All times are relative to the moment the script starts.
-- Deterministic: every choice is a hash of the row number, so two runs generate the same rows.
--
-- Mix (of the statuses generated from the row numbers):
--   15% local, 85% remote (0.2% of all with local IS NULL); published evenly over the last 180 days, so half
--   is older than 90 days; 34.5% are replies to one of the 2000 statuses before them (a reply to a boost is a
--   reply to its original, as Mastodon stores it); 5% are boosts; 23.5% carry one media attachment (fetched
--   when published);
--   10% of remote statuses have a local interaction: favourite 5%, bookmark 2%, mention 1%, pin 0.5%,
--   quoted by a local status 0.5%, boosted by a local account 1%;
--   remote favourites on 20%, remote mentions on 20%, status_stats on 30%, a preview card link on 10%;
--   20% of remote authors are followed by a local account; each status in one of N/2 conversations drawn at
--   random (two statuses each on average); every local account mutes three conversations; 1% extra media
--   attachments are unattached already.
-- The shares of replies and media, the conversations and their mutes reproduce the counts and tootctl's phase
-- times of issue 14's independent measurement (docs/benchmarks/statuses-remove.md, The generated instance).

SELECT set_config('bench.now', (now() AT TIME ZONE 'UTC')::text, false);

CREATE FUNCTION pg_temp.bench_now() RETURNS timestamp LANGUAGE sql STABLE AS
	$$ SELECT current_setting('bench.now')::timestamp $$;

CREATE FUNCTION pg_temp.bench_n() RETURNS int LANGUAGE sql IMMUTABLE AS
	$$ SELECT current_setting('bench.statuses')::int $$;

-- per-row buckets 0..999, independent of each other
CREATE FUNCTION pg_temp.bucket(i bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE AS
	$$ SELECT (hashint8(i * 1000003 + salt) & 2147483647) % 1000 $$;

-- the snowflake id of generated status i: published evenly over the last 180 days
CREATE FUNCTION pg_temp.status_at(i bigint) RETURNS timestamp LANGUAGE sql STABLE AS
	$$ SELECT pg_temp.bench_now() - interval '180 days' + (interval '179 days') * i / pg_temp.bench_n() $$;

CREATE FUNCTION pg_temp.status_id(i bigint) RETURNS bigint LANGUAGE sql STABLE AS
	$$ SELECT ((floor(extract(epoch FROM pg_temp.status_at(i)) * 1000)::bigint) << 16) | (i & 65535) $$;

CREATE FUNCTION pg_temp.local_accounts() RETURNS int LANGUAGE sql IMMUTABLE AS
	$$ SELECT greatest(100, pg_temp.bench_n() / 1000) $$;

CREATE FUNCTION pg_temp.remote_accounts() RETURNS int LANGUAGE sql IMMUTABLE AS
	$$ SELECT greatest(1000, pg_temp.bench_n() / 20) $$;

-- remote account r has id 1000000 + r; local accounts have the small serial ids 1..L
CREATE FUNCTION pg_temp.author(i bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
	$$ SELECT CASE WHEN pg_temp.bucket(i, 1) < 150 THEN 1 + (hashint8(i) & 2147483647) % pg_temp.local_accounts()
	               ELSE 1000001 + (hashint8(i + 17) & 2147483647) % pg_temp.remote_accounts() END $$;

-- kind: 0..344 reply, 345..394 boost, else plain
CREATE FUNCTION pg_temp.parent(i bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
	$$ SELECT i - 1 - (hashint8(i + 31) & 2147483647) % 2000 $$;

-- a boost of a status that is not itself a boost, as Mastodon stores them
CREATE FUNCTION pg_temp.is_boost(i bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS
	$$ SELECT pg_temp.bucket(i, 2) BETWEEN 345 AND 394 AND pg_temp.parent(i) >= 1
	          AND NOT (pg_temp.bucket(pg_temp.parent(i), 2) BETWEEN 345 AND 394) $$;

-- the status a reply answers: Mastodon replaces a boost by its original (Status#set_conversation)
CREATE FUNCTION pg_temp.reply_to(i bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
	$$ SELECT CASE WHEN pg_temp.bucket(i, 2) < 345 AND pg_temp.parent(i) >= 1
	               THEN CASE WHEN pg_temp.is_boost(pg_temp.parent(i)) THEN pg_temp.parent(pg_temp.parent(i))
	                         ELSE pg_temp.parent(i) END END $$;

CREATE FUNCTION pg_temp.conversations() RETURNS int LANGUAGE sql IMMUTABLE AS
	$$ SELECT (pg_temp.bench_n() + 1) / 2 $$;

SELECT setseed(0.42);

INSERT INTO accounts (id, username, domain, uri, protocol, created_at, updated_at)
SELECT a, 'local' || a, NULL, NULL, 0, pg_temp.bench_now() - interval '2 years', pg_temp.bench_now()
FROM generate_series(1, pg_temp.local_accounts()) a;

INSERT INTO accounts (id, username, domain, uri, protocol, created_at, updated_at, last_webfingered_at)
SELECT 1000000 + r, 'user' || r, 'remote' || (r % 500) || '.example',
       'https://remote' || (r % 500) || '.example/users/user' || r, 1,
       pg_temp.bench_now() - interval '1 year', pg_temp.bench_now() - interval '30 days', NULL
FROM generate_series(1, pg_temp.remote_accounts()) r;

INSERT INTO statuses (id, account_id, uri, local, created_at, updated_at, conversation_id, reply, in_reply_to_id,
                      in_reply_to_account_id, reblog_of_id, visibility)
SELECT pg_temp.status_id(i), pg_temp.author(i),
       CASE WHEN pg_temp.bucket(i, 1) < 150 THEN 'https://mastodon.local/users/local/statuses/' || i
            ELSE 'https://remote.example/statuses/' || i END,
       CASE WHEN pg_temp.bucket(i, 1) < 150 THEN true WHEN pg_temp.bucket(i, 1) < 152 THEN NULL ELSE false END,
       pg_temp.status_at(i), pg_temp.status_at(i), 1 + (hashint8(i + 41) & 2147483647) % pg_temp.conversations(),
       reply_to IS NOT NULL, pg_temp.status_id(reply_to), pg_temp.author(reply_to),
       CASE WHEN pg_temp.is_boost(i) THEN pg_temp.status_id(pg_temp.parent(i)) END,
       0
FROM (SELECT i, pg_temp.reply_to(i) AS reply_to FROM generate_series(1, pg_temp.bench_n()) i) g;

INSERT INTO conversations (id, created_at, updated_at)
SELECT c, pg_temp.status_at(2 * c - 1), pg_temp.status_at(2 * c - 1)
FROM generate_series(1, pg_temp.conversations()) c;
SELECT setval('conversations_id_seq', pg_temp.conversations());

-- thread mutes of local accounts: deleting a conversation checks this table, which has no index leading with
-- conversation_id, for each row
INSERT INTO conversation_mutes (account_id, conversation_id)
SELECT DISTINCT a, 1 + (hashint8(a * 7 + k) & 2147483647) % pg_temp.conversations()
FROM generate_series(1, pg_temp.local_accounts()) a, generate_series(1, 3) k;

-- media attachments of 23.5% of statuses, with the status's publication as fetch time
INSERT INTO media_attachments (id, status_id, account_id, remote_url, file_file_name, file_content_type,
                               file_file_size, file_storage_schema_version, type, created_at, updated_at)
SELECT pg_temp.status_id(i) + 1, pg_temp.status_id(i), pg_temp.author(i),
       CASE WHEN pg_temp.bucket(i, 1) < 150 THEN '' ELSE 'https://remote.example/media/' || i || '.jpg' END,
       md5(i::text) || '.jpg', 'image/jpeg', 100000, 1, 0, pg_temp.status_at(i), pg_temp.status_at(i)
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 3) < 235;

-- 1% unattached already
INSERT INTO media_attachments (id, status_id, account_id, remote_url, file_file_name, file_content_type,
                               file_file_size, file_storage_schema_version, type, created_at, updated_at)
SELECT pg_temp.status_id(i) + 2, NULL, pg_temp.author(i), 'https://remote.example/media/u' || i || '.jpg',
       md5('u' || i) || '.jpg', 'image/jpeg', 50000, 1, 0, pg_temp.status_at(i), pg_temp.status_at(i)
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 3) >= 990;

-- local interactions on 10% of remote statuses
INSERT INTO favourites (account_id, status_id, created_at, updated_at)
SELECT 1 + i % pg_temp.local_accounts(), pg_temp.status_id(i), pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) < 50;

INSERT INTO bookmarks (account_id, status_id, created_at, updated_at)
SELECT 1 + i % pg_temp.local_accounts(), pg_temp.status_id(i), pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) BETWEEN 50 AND 69;

INSERT INTO mentions (account_id, status_id, created_at, updated_at)
SELECT 1 + i % pg_temp.local_accounts(), pg_temp.status_id(i), pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) BETWEEN 70 AND 79;

INSERT INTO status_pins (account_id, status_id, created_at, updated_at)
SELECT pg_temp.author(i), pg_temp.status_id(i), pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) BETWEEN 80 AND 84;

-- local statuses quoting 0.5%, and local boosts of 1%: extra rows published in the last day
INSERT INTO statuses (id, account_id, uri, local, created_at, updated_at, reblog_of_id)
SELECT ((floor(extract(epoch FROM pg_temp.bench_now() - interval '1 day') * 1000)::bigint) << 16) + i,
       1 + i % pg_temp.local_accounts(), 'https://mastodon.local/users/local/statuses/x' || i, true,
       pg_temp.bench_now() - interval '1 day', pg_temp.bench_now() - interval '1 day',
       CASE WHEN pg_temp.bucket(i, 4) >= 90 THEN pg_temp.status_id(i) END
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) BETWEEN 85 AND 99;

INSERT INTO quotes (account_id, status_id, quoted_status_id, quoted_account_id, state, created_at, updated_at)
SELECT 1 + i % pg_temp.local_accounts(),
       ((floor(extract(epoch FROM pg_temp.bench_now() - interval '1 day') * 1000)::bigint) << 16) + i,
       pg_temp.status_id(i), pg_temp.author(i), 1, pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 1) >= 150 AND pg_temp.bucket(i, 4) BETWEEN 85 AND 89;

-- remote activity, which protects nothing but cascades
INSERT INTO favourites (account_id, status_id, created_at, updated_at)
SELECT 1000001 + (hashint8(i + 5) & 2147483647) % pg_temp.remote_accounts(), pg_temp.status_id(i),
       pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 5) < 200;

INSERT INTO mentions (account_id, status_id, created_at, updated_at)
SELECT 1000001 + (hashint8(i + 6) & 2147483647) % pg_temp.remote_accounts(), pg_temp.status_id(i),
       pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 6) < 200;

INSERT INTO status_stats (status_id, replies_count, reblogs_count, favourites_count, created_at, updated_at)
SELECT pg_temp.status_id(i), 1, 0, 1, pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 7) < 300;

INSERT INTO preview_cards (id, url, created_at, updated_at)
SELECT c, 'https://news.example/' || c, pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, 1000) c;
SELECT setval('preview_cards_id_seq', 1000);

INSERT INTO preview_cards_statuses (preview_card_id, status_id)
SELECT 1 + i % 1000, pg_temp.status_id(i)
FROM generate_series(1, pg_temp.bench_n()) i
WHERE pg_temp.bucket(i, 8) < 100;

-- 20% of remote authors followed locally
INSERT INTO follows (account_id, target_account_id, created_at, updated_at)
SELECT 1 + r % pg_temp.local_accounts(), 1000000 + r, pg_temp.bench_now(), pg_temp.bench_now()
FROM generate_series(1, pg_temp.remote_accounts()) r
WHERE pg_temp.bucket(r, 9) < 200;

ANALYZE;
