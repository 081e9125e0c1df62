CREATE TABLE `answer_attempts` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`local_date` text NOT NULL,
	`tries` integer NOT NULL,
	`solved_at` integer,
	PRIMARY KEY(`guild_id`, `user_id`, `challenge_id`, `local_date`)
);
--> statement-breakpoint
CREATE TABLE `member_tracks` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`track` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`)
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_daily_challenges` (
	`guild_id` text NOT NULL,
	`date` text NOT NULL,
	`track` text DEFAULT 'mixed' NOT NULL,
	`challenge_id` text NOT NULL,
	`area_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`guild_id`, `date`, `track`)
);
--> statement-breakpoint
INSERT INTO `__new_daily_challenges`("guild_id", "date", "track", "challenge_id", "area_id", "created_at") SELECT "guild_id", "date", 'mixed', "challenge_id", "area_id", "created_at" FROM `daily_challenges`;--> statement-breakpoint
DROP TABLE `daily_challenges`;--> statement-breakpoint
ALTER TABLE `__new_daily_challenges` RENAME TO `daily_challenges`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `daily_challenges_guild_track_challenge` ON `daily_challenges` (`guild_id`,`track`,`challenge_id`);--> statement-breakpoint
ALTER TABLE `guilds` ADD `daily_track` text;--> statement-breakpoint
ALTER TABLE `guilds` ADD `daily_allows` text;--> statement-breakpoint
ALTER TABLE `completions` ADD `verified` integer DEFAULT false NOT NULL;