CREATE TABLE `guilds` (
	`id` text PRIMARY KEY NOT NULL,
	`timezone` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `members` (
	`user_id` text PRIMARY KEY NOT NULL,
	`timezone` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
