DROP INDEX "completions_member_date";--> statement-breakpoint
CREATE INDEX "completions_member_date" ON "completions" USING btree ("guild_id","user_id","local_date","kind","verified","completed_at");