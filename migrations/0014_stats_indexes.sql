CREATE INDEX `completions_guild_time` ON `completions` (`guild_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `completions_guild_date` ON `completions` (`guild_id`,`local_date`);