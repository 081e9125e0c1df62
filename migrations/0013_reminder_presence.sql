ALTER TABLE `reminders` ADD `present_at` integer;--> statement-breakpoint
-- Whoever set or moved a reminder was in its server then; only reminders untouched for days are looked up.
UPDATE `reminders` SET `present_at` = `effective_from`;
