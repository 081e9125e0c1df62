CREATE TABLE `board_rebuilds` (
	`guild_id` text PRIMARY KEY NOT NULL,
	`after` text NOT NULL
);
