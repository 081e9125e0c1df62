CREATE TABLE `guild_removals` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`removed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `guild_removals_removed_at` ON `guild_removals` (`removed_at`);--> statement-breakpoint
ALTER TABLE `engagement_settings` ADD `reminder_paused_at` integer;--> statement-breakpoint
ALTER TABLE `engagement_settings` ADD `reminder_pause_reason` text;