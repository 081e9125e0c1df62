CREATE TABLE "solver_members" (
	"guild_id" text NOT NULL,
	"date" text NOT NULL,
	"track" text NOT NULL,
	"user_id" text NOT NULL,
	"position" bigint NOT NULL,
	"status" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"next_at" bigint NOT NULL,
	"solved_at" bigint NOT NULL,
	"note" text,
	CONSTRAINT "solver_members_guild_id_date_track_user_id_pk" PRIMARY KEY("guild_id","date","track","user_id")
);
--> statement-breakpoint
CREATE TABLE "solver_rooms" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"configured_at" bigint NOT NULL,
	"paused_at" bigint,
	"pause_reason" text
);
--> statement-breakpoint
CREATE TABLE "solver_threads" (
	"guild_id" text NOT NULL,
	"date" text NOT NULL,
	"track" text NOT NULL,
	"challenge_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"thread_id" text,
	"nonce" text NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"solvers" bigint DEFAULT 0 NOT NULL,
	"next_at" bigint NOT NULL,
	"claimed_at" bigint NOT NULL,
	"note" text,
	CONSTRAINT "solver_threads_guild_id_date_track_pk" PRIMARY KEY("guild_id","date","track")
);
--> statement-breakpoint
CREATE INDEX "solver_members_status" ON "solver_members" USING btree ("status","next_at");--> statement-breakpoint
CREATE INDEX "solver_members_user" ON "solver_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "solver_threads_status" ON "solver_threads" USING btree ("status","next_at");