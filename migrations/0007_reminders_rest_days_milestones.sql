CREATE TABLE `dm_channels` (
	`user_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`opened_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `engagement_settings` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`reminder_mode` text DEFAULT 'dm' NOT NULL,
	`reminder_channel_id` text,
	`rest_days_per_year` integer DEFAULT 14 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `milestone_roles` (
	`guild_id` text NOT NULL,
	`days` integer NOT NULL,
	`role_id` text NOT NULL,
	`configured_at` integer NOT NULL,
	`problem` text,
	`problem_at` integer,
	PRIMARY KEY(`guild_id`, `days`)
);
--> statement-breakpoint
CREATE TABLE `milestones_reached` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`days` integer NOT NULL,
	`local_date` text NOT NULL,
	`reached_at` integer NOT NULL,
	`role_status` text,
	`role_id` text,
	`role_note` text,
	PRIMARY KEY(`guild_id`, `user_id`, `days`)
);
--> statement-breakpoint
CREATE INDEX `milestones_reached_guild_date` ON `milestones_reached` (`guild_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `milestones_reached_pending` ON `milestones_reached` (`guild_id`) WHERE "milestones_reached"."role_status" IS NULL;--> statement-breakpoint
CREATE TABLE `reminder_sends` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`mode` text NOT NULL,
	`channel_id` text,
	`nonce` text NOT NULL,
	`message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`sent_at` integer,
	`note` text,
	PRIMARY KEY(`guild_id`, `user_id`, `date`)
);
--> statement-breakpoint
CREATE INDEX `reminder_sends_due` ON `reminder_sends` (`guild_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`time` text NOT NULL,
	`only_streak` integer DEFAULT false NOT NULL,
	`effective_from` integer NOT NULL,
	`off_at` integer,
	`off_reason` text,
	`notice_pending` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `reminders_user` ON `reminders` (`user_id`);--> statement-breakpoint
CREATE TABLE `rest_days` (
	`guild_id` text NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`planned_at` integer NOT NULL,
	PRIMARY KEY(`guild_id`, `user_id`, `date`)
);
--> statement-breakpoint
ALTER TABLE `schedules` ADD `recap` integer DEFAULT false NOT NULL;