CREATE TABLE `library_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `library_items` (
	`guild_id` text NOT NULL,
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`body` text NOT NULL,
	`retired_at` integer,
	`suggested_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `library_items_guild_kind` ON `library_items` (`guild_id`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `library_settings` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`shipped` integer DEFAULT true NOT NULL,
	`areas` text,
	`suggestions_channel_id` text,
	`reviewer_role_id` text
);
--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`reason` text,
	`item_id` text,
	`channel_id` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `suggestions_guild_user_status` ON `suggestions` (`guild_id`,`user_id`,`status`);