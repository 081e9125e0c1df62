CREATE TABLE `board_entries` (
	`guild_id` text NOT NULL,
	`board` text NOT NULL,
	`user_id` text NOT NULL,
	`value` integer NOT NULL,
	`reached_at` integer NOT NULL,
	`lapse_at` integer,
	PRIMARY KEY(`guild_id`, `board`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `board_entries_rank` ON `board_entries` (`guild_id`,`board`,"value" DESC,`reached_at`,`user_id`);--> statement-breakpoint
CREATE INDEX `board_entries_lapse` ON `board_entries` (`guild_id`,`lapse_at`) WHERE "board_entries"."lapse_at" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `board_slot_counts` (
	`guild_id` text NOT NULL,
	`board` text NOT NULL,
	`value` integer NOT NULL,
	`slot` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `board`, `value`, `slot`)
);
--> statement-breakpoint
CREATE TABLE `board_value_counts` (
	`guild_id` text NOT NULL,
	`board` text NOT NULL,
	`value` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `board`, `value`)
);
--> statement-breakpoint
CREATE TABLE `completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`local_date` text NOT NULL,
	`zone` text NOT NULL,
	`challenge_id` text NOT NULL,
	`note` text,
	`completed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `completions_member_date` ON `completions` (`guild_id`,`user_id`,`local_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `completions_one_daily_per_date` ON `completions` (`guild_id`,`user_id`,`local_date`) WHERE "completions"."kind" = 'daily';--> statement-breakpoint
CREATE UNIQUE INDEX `completions_one_practice_per_challenge` ON `completions` (`guild_id`,`user_id`,`challenge_id`) WHERE "completions"."kind" = 'practice';--> statement-breakpoint
CREATE TABLE `member_stats` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`total` integer NOT NULL,
	`days` integer NOT NULL,
	`current` integer NOT NULL,
	`longest` integer NOT NULL,
	`longest_at` integer,
	`freezes` integer NOT NULL,
	`freezes_used` integer NOT NULL,
	`run` integer NOT NULL,
	`last_date` text,
	`last_zone` text,
	`last_at` integer,
	PRIMARY KEY(`guild_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `member_stats_user` ON `member_stats` (`user_id`);