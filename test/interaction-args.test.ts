import type { CommandInteractionOption } from "discord.js";
import { ApplicationCommandOptionType as T } from "discord-api-types/v10";
import { describe, expect, expectTypeOf, it } from "vitest";
import { UserError } from "../src/errors.js";
import { type Args, readArgs, readPartialArgs } from "../src/interactions/args.js";
import type { CommandData } from "../src/interactions/command.js";

/** A registration JSON kept as its literal type, as `defineCommand` keeps every command's. */
const registered = <const D extends CommandData>(data: D): D => data;

const remind = registered({
  name: "remind",
  description: "d",
  options: [
    {
      type: T.Subcommand,
      name: "at",
      description: "d",
      options: [
        { type: T.String, name: "time", description: "d", required: true },
        { type: T.Boolean, name: "only-streak", description: "d" },
        {
          type: T.String,
          name: "mode",
          description: "d",
          choices: [
            { name: "DM", value: "dm" },
            { name: "Channel", value: "channel" },
          ],
        },
      ],
    },
    { type: T.Subcommand, name: "off", description: "d" },
  ],
});

const resource = registered({
  name: "resource",
  description: "d",
  options: [
    { type: T.Integer, name: "count", description: "d", required: true, choices: [{ name: "one", value: 1 }] },
    { type: T.Number, name: "hours", description: "d" },
    { type: T.User, name: "member", description: "d" },
  ],
});

const sent = (options: unknown[]) => ({ options: { data: options as CommandInteractionOption[] } });
const at = (options: unknown[]) => sent([{ type: T.Subcommand, name: "at", options }]);

describe("a command's options, typed from its own registration JSON", () => {
  it("names each option as registered, with its type, required-ness and choices", () => {
    type RemindArgs = Args<typeof remind>;
    expectTypeOf<Extract<RemindArgs, { subcommand: "at" }>["options"]>().toEqualTypeOf<{
      time: string;
      "only-streak": boolean | null;
      mode: "dm" | "channel" | null;
    }>();
    expectTypeOf<RemindArgs["subcommand"]>().toEqualTypeOf<"at" | "off">();
    expectTypeOf<Args<typeof resource>["count"]>().toEqualTypeOf<1>();
    expectTypeOf<Args<typeof resource>["hours"]>().toEqualTypeOf<number | null>();

    const read = (args: Args<typeof remind>) => {
      if (args.subcommand !== "at") return null;
      // @ts-expect-error a renamed option is a type error, not a silent null
      const renamed = args.options.note;
      // @ts-expect-error `time` is required: it is a string, never null
      args.options.time satisfies null;
      return renamed;
    };
    expect(read).toBeTypeOf("function");
  });

  it("reads the subcommand and its values, missing options as null", () => {
    const args = readArgs(remind, at([{ type: T.String, name: "time", value: "21:00" }]));
    expect(args).toEqual({ subcommand: "at", options: { time: "21:00", "only-streak": null, mode: null } });
    expect(readArgs(remind, sent([{ type: T.Subcommand, name: "off" }]))).toEqual({ subcommand: "off", options: {} });
  });

  it("reads users, numbers and integers from what Discord resolved", () => {
    const user = { id: "1", username: "ada" };
    const args = readArgs(
      resource,
      sent([
        { type: T.Integer, name: "count", value: 1 },
        { type: T.Number, name: "hours", value: 1.5 },
        { type: T.User, name: "member", value: "1", user },
      ]),
    );
    expect(args).toEqual({ count: 1, hours: 1.5, member: user });
  });

  it("refuses, privately and before anything changes, a value outside the registered choices", () => {
    const forged = () =>
      readArgs(
        remind,
        at([
          { type: T.String, name: "time", value: "21:00" },
          { type: T.String, name: "mode", value: "carrier-pigeon" },
        ]),
      );
    expect(forged).toThrow(UserError);
    expect(forged).toThrow('"carrier-pigeon" is not one of the choices for `mode`. Pick one from the list.');
    expect(() => readArgs(resource, sent([{ type: T.Integer, name: "count", value: 2 }]))).toThrow(UserError);
  });

  it("refuses a missing required option and a subcommand that is not registered", () => {
    expect(() => readArgs(remind, at([]))).toThrow("Give `time`. Nothing was changed.");
    expect(() => readArgs(resource, sent([]))).toThrow("Pick a `count` from the list. Nothing was changed.");
    expect(() => readArgs(remind, sent([{ type: T.Subcommand, name: "retired" }]))).toThrow(UserError);
  });

  it("reads what is filled in so far while a member types, refusing nothing", () => {
    const partial = readPartialArgs(remind, at([{ type: T.String, name: "mode", value: "carrier-pigeon" }]));
    expect(partial).toEqual({ subcommand: "at", options: { time: null, "only-streak": null, mode: null } });
  });
});
