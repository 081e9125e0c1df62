CREATE TABLE `live_boards` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`board` text NOT NULL,
	`message_id` text,
	`posts` integer DEFAULT 0 NOT NULL,
	`nonce` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`shown` text,
	`shown_at` integer,
	`paused_at` integer,
	`pause_reason` text
);
