CREATE TABLE "live_boards" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"board" text NOT NULL,
	"message_id" text,
	"posts" bigint DEFAULT 0 NOT NULL,
	"nonce" text,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_at" bigint,
	"shown" text,
	"shown_at" bigint,
	"paused_at" bigint,
	"pause_reason" text
);
