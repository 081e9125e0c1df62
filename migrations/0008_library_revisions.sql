CREATE TABLE `library_revisions` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL
);
