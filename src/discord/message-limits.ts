/**
 * Discord's limits on what a bot posts: messages and their embeds, components (buttons, selects, modals) and
 * interaction responses (src/discord/limits.ts has the table).
 */
import { checkString, isObject, type Json, LIMITS } from "./limits.js";

export function checkEmbed(embed: unknown, where = "embed"): { problems: string[]; characters: number } {
  const problems: string[] = [];
  if (!isObject(embed)) return { problems: [`${where} must be an object`], characters: 0 };
  let characters = 0;
  characters += checkString(problems, `${where}.title`, embed.title, LIMITS.embedTitle);
  characters += checkString(problems, `${where}.description`, embed.description, LIMITS.embedDescription);
  if (isObject(embed.footer))
    characters += checkString(problems, `${where}.footer.text`, embed.footer.text, LIMITS.footer, true);
  if (isObject(embed.author))
    characters += checkString(problems, `${where}.author.name`, embed.author.name, LIMITS.author, true);
  if (embed.url !== undefined && !/^https?:\/\//.test(String(embed.url)))
    problems.push(`${where}.url must be an http(s) URL`);
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) problems.push(`${where}.fields must be an array`);
    else {
      if (embed.fields.length > LIMITS.embedFields) {
        problems.push(`${where} has ${embed.fields.length} fields; the limit is ${LIMITS.embedFields}`);
      }
      embed.fields.forEach((field: unknown, i: number) => {
        const at = `${where}.fields[${i}]`;
        if (!isObject(field)) {
          problems.push(`${at} must be an object`);
          return;
        }
        characters += checkString(problems, `${at}.name`, field.name, LIMITS.fieldName, true);
        characters += checkString(problems, `${at}.value`, field.value, LIMITS.fieldValue, true);
      });
    }
  }
  return { problems, characters };
}

function checkButton(problems: string[], button: Json, at: string): void {
  if (button.style === 5) {
    if (typeof button.url !== "string" || !/^https?:\/\//.test(button.url))
      problems.push(`${at} link button needs an http(s) url`);
    if (button.custom_id !== undefined) problems.push(`${at} link button must not have a custom_id`);
  } else if (button.style !== 6) {
    checkString(problems, `${at}.custom_id`, button.custom_id, LIMITS.customId, true);
  }
  if (button.label === undefined && button.emoji === undefined) problems.push(`${at} needs a label or an emoji`);
  checkString(problems, `${at}.label`, button.label, LIMITS.buttonLabel);
}

function checkSelect(problems: string[], select: Json, at: string): void {
  checkString(problems, `${at}.custom_id`, select.custom_id, LIMITS.customId, true);
  checkString(problems, `${at}.placeholder`, select.placeholder, 150);
  if (select.type === 3) {
    const options = select.options;
    if (!Array.isArray(options) || options.length === 0) {
      problems.push(`${at} string select needs 1 to ${LIMITS.selectOptions} options`);
      return;
    }
    if (options.length > LIMITS.selectOptions) {
      problems.push(`${at} has ${options.length} options; the limit is ${LIMITS.selectOptions}`);
    }
    const values = new Set<string>();
    options.forEach((option: unknown, i: number) => {
      const o = `${at}.options[${i}]`;
      if (!isObject(option)) {
        problems.push(`${o} must be an object`);
        return;
      }
      checkString(problems, `${o}.label`, option.label, LIMITS.selectLabel, true);
      checkString(problems, `${o}.value`, option.value, LIMITS.selectLabel, true);
      checkString(problems, `${o}.description`, option.description, LIMITS.selectLabel);
      if (values.has(String(option.value))) problems.push(`${o}.value '${String(option.value)}' is repeated`);
      values.add(String(option.value));
    });
  }
}

export function checkComponents(components: unknown, where = "components"): string[] {
  const problems: string[] = [];
  if (!Array.isArray(components)) return [`${where} must be an array`];
  if (components.length > LIMITS.actionRows) {
    problems.push(`${where} has ${components.length} action rows; the limit is ${LIMITS.actionRows}`);
  }
  const ids = new Set<string>();
  components.forEach((row: unknown, r: number) => {
    const at = `${where}[${r}]`;
    if (!isObject(row) || row.type !== 1 || !Array.isArray(row.components)) {
      problems.push(`${at} must be an action row (type 1) with components`);
      return;
    }
    const children = row.components as unknown[];
    if (children.length === 0) problems.push(`${at} is empty`);
    const selects = children.filter((c) => isObject(c) && c.type !== 2 && c.type !== 4).length;
    if (selects > 0 && children.length > 1) problems.push(`${at} mixes a select menu with other components`);
    if (children.length > LIMITS.buttonsPerRow) {
      problems.push(`${at} has ${children.length} components; the limit is ${LIMITS.buttonsPerRow}`);
    }
    children.forEach((child, c) => {
      const cat = `${at}.components[${c}]`;
      if (!isObject(child)) {
        problems.push(`${cat} must be an object`);
        return;
      }
      if (typeof child.custom_id === "string") {
        if (ids.has(child.custom_id))
          problems.push(`${cat}.custom_id '${child.custom_id}' is used twice in one message`);
        ids.add(child.custom_id);
      }
      if (child.type === 2) checkButton(problems, child, cat);
      else if (child.type === 4) {
        checkString(problems, `${cat}.custom_id`, child.custom_id, LIMITS.customId, true);
        checkString(problems, `${cat}.label`, child.label, 45, true);
      } else if ([3, 5, 6, 7, 8].includes(Number(child.type))) checkSelect(problems, child, cat);
      else problems.push(`${cat} has unknown component type ${String(child.type)}`);
    });
  });
  return problems;
}

/** A modal's components: at most 5, each a label around one input or select, or a classic action row. */
export function checkModalComponents(components: unknown, where = "modal.components"): string[] {
  if (!Array.isArray(components)) return [`${where} must be an array`];
  const problems: string[] = [];
  if (components.length > LIMITS.actionRows)
    problems.push(`${where} has ${components.length} components; a modal takes at most ${LIMITS.actionRows}`);
  const rows: unknown[] = [];
  components.forEach((c: unknown, i: number) => {
    const at = `${where}[${i}]`;
    if (!isObject(c) || c.type !== 18) {
      rows.push(c);
      return;
    }
    checkString(problems, `${at}.label`, c.label, 45, true);
    checkString(problems, `${at}.description`, c.description, 100);
    const inner = c.component;
    if (!isObject(inner)) problems.push(`${at} needs a component`);
    else if (inner.type === 4) {
      checkString(problems, `${at}.component.custom_id`, inner.custom_id, LIMITS.customId, true);
      if (inner.label !== undefined) problems.push(`${at}.component: a text input inside a label has no label`);
      if (typeof inner.max_length === "number" && (inner.max_length < 1 || inner.max_length > 4000))
        problems.push(`${at}.component.max_length must be 1 to 4000`);
      checkString(problems, `${at}.component.value`, inner.value, 4000);
    } else if ([3, 5, 6, 7, 8].includes(Number(inner.type))) checkSelect(problems, inner, `${at}.component`);
    else problems.push(`${at}.component has a type a label cannot hold (${String(inner.type)})`);
  });
  if (rows.length > 0) problems.push(...checkComponents(rows, where));
  return problems;
}

/** A message body: channel messages, webhook messages, interaction responses of type 4 and 7. */
export function checkMessage(body: unknown, where = "message"): string[] {
  if (!isObject(body)) return [`${where} must be an object`];
  const problems: string[] = [];
  checkString(problems, `${where}.content`, body.content, LIMITS.content);
  if (body.embeds !== undefined) {
    if (!Array.isArray(body.embeds)) problems.push(`${where}.embeds must be an array`);
    else {
      if (body.embeds.length > LIMITS.embeds)
        problems.push(`${where} has ${body.embeds.length} embeds; the limit is ${LIMITS.embeds}`);
      let total = 0;
      body.embeds.forEach((embed: unknown, i: number) => {
        const result = checkEmbed(embed, `${where}.embeds[${i}]`);
        problems.push(...result.problems);
        total += result.characters;
      });
      if (total > LIMITS.embedTotal)
        problems.push(`${where} embeds have ${total} characters together; the limit is ${LIMITS.embedTotal}`);
    }
  }
  if (body.components !== undefined) problems.push(...checkComponents(body.components, `${where}.components`));
  if (body.nonce !== undefined) checkString(problems, `${where}.nonce`, String(body.nonce), LIMITS.nonce);
  const mentions = body.allowed_mentions;
  if (mentions !== undefined) {
    if (!isObject(mentions)) problems.push(`${where}.allowed_mentions must be an object`);
    else {
      const parse = Array.isArray(mentions.parse) ? mentions.parse : [];
      for (const kind of ["users", "roles"] as const) {
        if (parse.includes(kind) && Array.isArray(mentions[kind]) && mentions[kind].length > 0) {
          problems.push(`${where}.allowed_mentions cannot both parse ${kind} and list them`);
        }
        if (Array.isArray(mentions[kind]) && mentions[kind].length > 100) {
          problems.push(`${where}.allowed_mentions.${kind} lists more than 100 ids`);
        }
      }
    }
  }
  return problems;
}

export function checkAutocompleteChoices(choices: unknown, where = "choices"): string[] {
  if (!Array.isArray(choices)) return [`${where} must be an array`];
  const problems: string[] = [];
  if (choices.length > LIMITS.choices)
    problems.push(`${where} has ${choices.length} choices; the limit is ${LIMITS.choices}`);
  choices.forEach((choice: unknown, i: number) => {
    if (!isObject(choice)) {
      problems.push(`${where}[${i}] must be an object`);
      return;
    }
    checkString(problems, `${where}[${i}].name`, choice.name, LIMITS.choiceText, true);
    if (typeof choice.value === "string")
      checkString(problems, `${where}[${i}].value`, choice.value, LIMITS.choiceText, true);
  });
  return problems;
}

/** An interaction callback body: `{ type, data }`. */
export function checkInteractionResponse(body: unknown): string[] {
  if (!isObject(body)) return ["interaction response must be an object"];
  const data = body.data;
  switch (body.type) {
    case 1:
    case 5:
    case 6:
      return isObject(data) || data === undefined ? [] : ["interaction response data must be an object"];
    case 4:
    case 7:
      return checkMessage(data, "response.data");
    case 8:
      return isObject(data)
        ? checkAutocompleteChoices(data.choices, "response.data.choices")
        : ["autocomplete response needs data"];
    case 9: {
      if (!isObject(data)) return ["modal response needs data"];
      const problems: string[] = [];
      checkString(problems, "modal.title", data.title, 45, true);
      checkString(problems, "modal.custom_id", data.custom_id, LIMITS.customId, true);
      problems.push(...checkModalComponents(data.components, "modal.components"));
      return problems;
    }
    default:
      return [`unknown interaction response type ${String(body.type)}`];
  }
}
