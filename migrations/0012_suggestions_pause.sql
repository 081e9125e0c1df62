ALTER TABLE `library_settings` ADD `suggestions_paused_at` integer;--> statement-breakpoint
ALTER TABLE `library_settings` ADD `suggestions_pause_reason` text;