CREATE TABLE `solver_members` (
	`guild_id` text NOT NULL,
	`date` text NOT NULL,
	`track` text NOT NULL,
	`user_id` text NOT NULL,
	`position` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` integer NOT NULL,
	`solved_at` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`guild_id`, `date`, `track`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `solver_members_status` ON `solver_members` (`status`,`next_at`);--> statement-breakpoint
CREATE INDEX `solver_members_user` ON `solver_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `solver_rooms` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`configured_at` integer NOT NULL,
	`paused_at` integer,
	`pause_reason` text
);
--> statement-breakpoint
CREATE TABLE `solver_threads` (
	`guild_id` text NOT NULL,
	`date` text NOT NULL,
	`track` text NOT NULL,
	`challenge_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`thread_id` text,
	`nonce` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`solvers` integer DEFAULT 0 NOT NULL,
	`next_at` integer NOT NULL,
	`claimed_at` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`guild_id`, `date`, `track`)
);
--> statement-breakpoint
CREATE INDEX `solver_threads_status` ON `solver_threads` (`status`,`next_at`);