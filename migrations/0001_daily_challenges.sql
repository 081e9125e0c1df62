CREATE TABLE `daily_challenges` (
	`guild_id` text NOT NULL,
	`date` text NOT NULL,
	`challenge_id` text NOT NULL,
	`area_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`guild_id`, `date`)
);
--> statement-breakpoint
CREATE INDEX `daily_challenges_guild_challenge` ON `daily_challenges` (`guild_id`,`challenge_id`);