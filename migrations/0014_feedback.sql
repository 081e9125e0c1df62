CREATE TABLE `problem_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`channel_id` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `problem_reports_guild_user_status` ON `problem_reports` (`guild_id`,`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `problem_reports_guild_status` ON `problem_reports` (`guild_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `problem_reports_guild_challenge` ON `problem_reports` (`guild_id`,`challenge_id`,`status`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`challenge_id` text NOT NULL,
	`rating` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`, `challenge_id`)
);
--> statement-breakpoint
CREATE INDEX `ratings_guild_challenge` ON `ratings` (`guild_id`,`challenge_id`,`rating`);