CREATE TABLE `resource_picks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`resource_id` text NOT NULL,
	`picked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `resource_picks_user_id_idx` ON `resource_picks` (`user_id`,`id`);