CREATE TABLE `schedule_slots` (
	`guild_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`channel_id` text NOT NULL,
	`nonce` text NOT NULL,
	`content_id` text,
	`message_id` text,
	`thread_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`sent_at` integer,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`guild_id`, `kind`, `period`)
);
--> statement-breakpoint
CREATE INDEX `schedule_slots_guild_due` ON `schedule_slots` (`guild_id`,`kind`,`due_at`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`guild_id` text NOT NULL,
	`kind` text NOT NULL,
	`channel_id` text NOT NULL,
	`weekday` integer,
	`time` text NOT NULL,
	`thread` integer DEFAULT false NOT NULL,
	`role_id` text,
	`effective_from` integer NOT NULL,
	`updated_by` text,
	`paused_at` integer,
	`pause_reason` text,
	PRIMARY KEY(`guild_id`, `kind`)
);
