/**
 * Discord's own OpenAPI 3.1 description of its HTTP API (discord/discord-api-spec; ./spec holds a copy of
 * shared/reference/discord-openapi.json) as a checker for the loopback Discord: does a request name a route and method Discord has, with the query, path
 * and body the spec allows, and does an answer have the shape Discord's would? The spec is read once per process;
 * each operation's validators are compiled with ajv (JSON Schema 2020-12) on first use and kept.
 *
 * The spec's conventions (its README) are applied on load, since plain JSON Schema would read it differently:
 * - a field typed integer also accepts an integer-parseable string (ids, permission bit sets), within its bounds;
 * - `oneOf`, and `anyOf` marked `x-discord-union: oneOf`, mean one shape: a union tagged by `type` is checked
 *   against the one shape its tag names, and an untagged `anyOf` refuses fields that only another shape has;
 * - where the docs say more than the spec, the docs win (applyDocs below).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;

/** What the loopback answers an off-spec request with, and why, one line per problem. */
export interface OffSpec {
  status: 400 | 404 | 405;
  body: Json;
  problems: string[];
}

export interface SpecOperation {
  method: string;
  /** The spec's path template, e.g. `/channels/{channel_id}/messages`. */
  route: string;
  /** Problems with an answer to this operation (status and JSON body); none when it is shaped as the spec says. */
  checkResponse(status: number, body: unknown): string[];
}

export type RequestCheck = { ok: true; operation: SpecOperation } | ({ ok: false } & OffSpec);

export interface SpecRequest {
  method: string;
  /** Path below /api/v10, still URL-encoded, e.g. `/webhooks/1/tok/messages/%40original`. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, or the multipart request's `payload_json`; undefined when there is none. */
  body: unknown;
}

/** Checks one request against the spec: the route, the method, path and query parameters, and the JSON body. */
export function checkRequest(request: SpecRequest): RequestCheck {
  const spec = loadSpec();
  const segments = request.path.split("/").slice(1).map(decodeSegment);
  const routes = spec.routes.filter((r) => matchesRoute(r.segments, segments));
  if (routes.length === 0) return notFound(`no route ${request.path} in Discord's API`);
  const method = request.method.toLowerCase();
  const route = routes.find((r) => r.methods.has(method));
  if (!route) {
    return {
      ok: false,
      status: 405,
      body: { message: "405: Method Not Allowed", code: 0 },
      problems: [`${request.method} is not a method of ${routes[0]?.template}`],
    };
  }
  const operation = spec.operation(route, method);
  const problems = operation.checkRequest(pathParams(route.segments, segments), request.query, request.body);
  if (problems.length === 0) return { ok: true, operation };
  return {
    ok: false,
    status: 400,
    body: { code: 50035, message: "Invalid Form Body", errors: discordErrors(problems) },
    problems: problems.map((p) => `${p.field.join(".") || "(body)"}: ${p.message}`),
  };
}

function notFound(problem: string): RequestCheck {
  return { ok: false, status: 404, body: { message: "404: Not Found", code: 0 }, problems: [problem] };
}

// ---- loading ------------------------------------------------------------------------------------------------

/** Only a name under which ajv files the spec's schemas, for its `$ref`s; nothing is fetched. */
const SPEC_ID = "https://discord.com/api/v10/openapi.json";
const METHODS = ["get", "put", "post", "patch", "delete"];

interface Route {
  template: string;
  /** A literal segment, or null for a `{parameter}`. */
  segments: (string | null)[];
  names: string[];
  item: Json;
  methods: Set<string>;
}

interface Spec {
  routes: Route[];
  operation(route: Route, method: string): Operation;
}

let cached: Spec | undefined;

function loadSpec(): Spec {
  if (cached) return cached;
  const document = JSON.parse(readFileSync(specPath(), "utf8")) as Json;
  const components = document.components as { schemas: Record<string, Json>; responses: Record<string, Json> };
  const schemas = components.schemas;
  applyDocs(schemas);
  const paths = document.paths as Record<string, Json>;
  applyConventions({ schemas, paths }, schemas);

  const ajv = new Ajv2020({
    // The spec carries its own x-discord-* keywords and OpenAPI's annotations beside JSON Schema's.
    strict: false,
    allErrors: true,
    // Compiling is most of the cost (a message's component tree is large): shared refs compile once, unoptimised.
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats.default(ajv);
  // The spec's own formats: a snowflake is a 64-bit unsigned id; a nonce's only rule is its maxLength beside it.
  ajv.addFormat("snowflake", { type: "string", validate: (s: string) => /^\d+$/.test(s) && BigInt(s) < 2n ** 64n });
  ajv.addFormat("nonce", true);
  ajv.addKeyword({
    keyword: INTEGER_STRING,
    type: "string",
    schemaType: "object",
    validate: (bounds: Bounds, data: string) => integerStringWithin(data, bounds),
  });
  // Not checked against the meta-schema: the spec is Discord's generated output, and that check costs a quarter second.
  ajv.addSchema({ $id: SPEC_ID, $defs: schemas }, undefined, undefined, false);

  // Literal segments first, so `/users/@me` wins over `/users/{user_id}` and `messages/@original` over `{message_id}`.
  const routes = Object.entries(paths)
    .map(([template, item]) => {
      const segments = template
        .split("/")
        .slice(1)
        .map((s) => (s.startsWith("{") ? null : s));
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      return { template, segments, names, item, methods: new Set(METHODS.filter((m) => m in item)) };
    })
    .sort((a, b) => literalRank(b.segments).localeCompare(literalRank(a.segments)));

  const operations = new Map<string, Operation>();
  cached = {
    routes,
    operation(route, method) {
      const key = `${method} ${route.template}`;
      let operation = operations.get(key);
      if (!operation) {
        operation = new Operation(ajv, route, method, components.responses);
        operations.set(key, operation);
      }
      return operation;
    },
  };
  return cached;
}

/**
 * A copy of shared/reference/discord-openapi.json (MIT, licence beside it) kept with the tests, so a clone checks
 * its traffic wherever it is run.
 */
function specPath(): string {
  return fileURLToPath(new URL("./spec/discord-openapi.json", import.meta.url));
}

function literalRank(segments: (string | null)[]): string {
  return segments.map((s) => (s === null ? "0" : "1")).join("");
}

function matchesRoute(route: (string | null)[], segments: string[]): boolean {
  return route.length === segments.length && route.every((s, i) => s === null || s === segments[i]);
}

function pathParams(route: (string | null)[], segments: string[]): string[] {
  return segments.filter((_, i) => route[i] === null);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// ---- one operation ----------------------------------------------------------------------------------------------

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Json;
}

interface Problem {
  field: string[];
  code: string;
  message: string;
}

class Operation implements SpecOperation {
  readonly method: string;
  readonly route: string;
  #ajv: Ajv2020;
  #definition: Json;
  #names: string[];
  #responses: Record<string, Json>;
  #path: ValidateFunction;
  #query: ValidateFunction;
  #queryParams: Map<string, Parameter>;
  #body: ValidateFunction | undefined;
  #bodyRequired: boolean;
  #answers = new Map<string, ValidateFunction | null>();

  constructor(ajv: Ajv2020, route: Route, method: string, responses: Record<string, Json>) {
    this.method = method.toUpperCase();
    this.route = route.template;
    this.#ajv = ajv;
    this.#definition = route.item[method] as Json;
    this.#names = route.names;
    this.#responses = responses;
    const parameters = [
      ...((route.item.parameters ?? []) as Parameter[]),
      ...((this.#definition.parameters ?? []) as Parameter[]),
    ];
    this.#path = ajv.compile(objectOf(parameters.filter((p) => p.in === "path")));
    const query = parameters.filter((p) => p.in === "query");
    this.#queryParams = new Map(query.map((p) => [p.name, p]));
    this.#query = ajv.compile({ ...objectOf(query), additionalProperties: false });
    const requestBody = this.#definition.requestBody as { required?: boolean; content: Json } | undefined;
    const schema = (requestBody?.content["application/json"] as { schema?: Json } | undefined)?.schema;
    this.#body = schema ? ajv.compile(schema) : undefined;
    this.#bodyRequired = requestBody?.required === true;
  }

  checkRequest(pathValues: string[], query: URLSearchParams, body: unknown): Problem[] {
    const path = Object.fromEntries(this.#names.map((name, i) => [name, pathValues[i]]));
    const problems = [...problemsOf(this.#path, path), ...problemsOf(this.#query, this.#queryObject(query))];
    if (body === undefined) {
      if (this.#bodyRequired) problems.push({ field: [], code: "BASE_TYPE_REQUIRED", message: "a body is required" });
    } else if (!this.#body) {
      problems.push({ field: [], code: "SPEC_NO_BODY", message: `${this.route} takes no body` });
    } else {
      problems.push(...problemsOf(this.#body, body));
    }
    return problems;
  }

  /** Query strings carry text: a boolean parameter's "true"/"false" is read as the boolean it names. */
  #queryObject(query: URLSearchParams): Json {
    const object: Json = {};
    for (const key of new Set(query.keys())) {
      const values = query.getAll(key);
      const types = typesOf(this.#queryParams.get(key)?.schema ?? {});
      const value = types.includes("array") ? values : values[0];
      object[key] = types.includes("boolean") && (value === "true" || value === "false") ? value === "true" : value;
    }
    return object;
  }

  checkResponse(status: number, body: unknown): string[] {
    const key = String(status);
    if (!this.#answers.has(key)) this.#answers.set(key, this.#compileResponse(key));
    const validate = this.#answers.get(key);
    const declared = this.#declaredResponse(key);
    if (!declared) return [`Discord's spec has no ${status} answer to ${this.method} ${this.route}`];
    if (!validate) return body === undefined ? [] : [`a ${status} answer to ${this.method} ${this.route} has no body`];
    if (body === undefined) return [`a ${status} answer to ${this.method} ${this.route} has a JSON body`];
    return problemsOf(validate, body).map((p) => `${p.field.join(".") || "(body)"}: ${p.message}`);
  }

  #declaredResponse(status: string): Json | undefined {
    const responses = this.#definition.responses as Record<string, Json>;
    const response = responses[status] ?? responses[`${status[0]}XX`];
    const ref = response?.$ref;
    return typeof ref === "string" ? this.#responses[ref.split("/").pop() ?? ""] : response;
  }

  #compileResponse(status: string): ValidateFunction | null {
    const content = this.#declaredResponse(status)?.content as Record<string, { schema: Json }> | undefined;
    const schema = content?.["application/json"]?.schema;
    return schema ? this.#ajv.compile(schema) : null;
  }
}

function objectOf(parameters: Parameter[]): Json {
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

// ---- errors, as Discord words them ---------------------------------------------------------------------------
// Discord's own error codes where one fits; SPEC_* where this checker refuses something Discord words its own way.

/** Union and conditional errors only say that a branch failed; the branch's own errors say where and why. */
const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "if", "not"]);

function problemsOf(validate: ValidateFunction, data: unknown): Problem[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const specific = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of specific.length > 0 ? specific : errors) {
    const problem = problemOf(error, data);
    const key = `${problem.field.join(".")} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function problemOf(error: ErrorObject, data: unknown): Problem {
  const field = error.instancePath.split("/").slice(1).map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  const value = JSON.stringify(field.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], data));
  switch (error.keyword) {
    case "required":
      return {
        field: [...field, String(params.missingProperty)],
        code: "BASE_TYPE_REQUIRED",
        message: "This field is required",
      };
    case "additionalProperties":
      return {
        field: [...field, String(params.additionalProperty)],
        code: "SPEC_UNKNOWN_FIELD",
        message: "Not a field of this route",
      };
    case "false schema":
      return { field, code: "SPEC_MIXED_SHAPES", message: "Belongs to another shape of this union" };
    case "maxLength":
    case "maxItems":
      return { field, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${params.limit} or fewer in length.` };
    case "minLength":
    case "minItems":
      return { field, code: "BASE_TYPE_MIN_LENGTH", message: `Must be ${params.limit} or more in length.` };
    case "enum":
    case "const":
      return {
        field,
        code: "BASE_TYPE_CHOICES",
        message: `Value must be one of ${JSON.stringify(params.allowedValues ?? params.allowedValue)}.`,
      };
    case INTEGER_STRING:
      return { field, code: "NUMBER_TYPE_COERCE", message: `Value ${value} is not an integer in range.` };
    default:
      return {
        field,
        code: `SPEC_${error.keyword.toUpperCase()}`,
        message: `${error.message ?? "is invalid"} (${value})`,
      };
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Discord's `errors`: the field path as nested keys, each leaf holding `_errors: [{code, message}]`. */
function discordErrors(problems: Problem[]): Json {
  const root: Json = {};
  for (const problem of problems) {
    let node = root;
    for (const key of problem.field) {
      node[key] ??= {};
      node = node[key] as Json;
    }
    node._errors = [...((node._errors ?? []) as Json[]), { code: problem.code, message: problem.message }];
  }
  return root;
}

// ---- the spec's conventions, applied to its schemas ------------------------------------------------------------

const INTEGER_STRING = "x-integer-string";

interface Bounds {
  min?: string;
  max?: string;
}

const INT_FORMATS: Record<string, Bounds> = {
  int32: { min: String(-(2n ** 31n)), max: String(2n ** 31n - 1n) },
  int64: { min: String(-(2n ** 63n)), max: String(2n ** 63n - 1n) },
};

function integerStringWithin(data: string, bounds: Bounds): boolean {
  if (!/^-?\d+$/.test(data)) return false;
  const value = BigInt(data);
  return (
    (bounds.min === undefined || value >= BigInt(bounds.min)) &&
    (bounds.max === undefined || value <= BigInt(bounds.max))
  );
}

/**
 * What Discord's docs say and the spec leaves out. Buttons: "custom_id ... Required for non-link and non-premium
 * buttons", "url ... Required for link buttons", "sku_id ... Required for premium buttons".
 */
function applyDocs(schemas: Record<string, Json>): void {
  const button = schemas.ButtonComponentForMessageRequest as Json;
  const byStyle = (styles: number[], field: string) =>
    ifThen({ properties: { style: { enum: styles } }, required: ["style"] }, { required: [field] });
  button.allOf = [
    ...((button.allOf ?? []) as Json[]),
    byStyle([1, 2, 3, 4], "custom_id"),
    byStyle([5], "url"),
    byStyle([6], "sku_id"),
  ];
}

function applyConventions(root: unknown, schemas: Record<string, Json>): void {
  const resolve = (node: Json): Json => {
    let current = node;
    while (typeof current.$ref === "string") current = schemas[current.$ref.split("/").pop() ?? ""] ?? {};
    return current;
  };
  // Decided on the untouched spec: a oneOf branch typed integer whose sibling takes strings (a message nonce is an
  // int64 or a string) must not take strings too, or "123" would match two branches and none at all.
  const integerOnly = new Set<Json>();
  walk(root, (node) => {
    const branches = node.oneOf;
    if (!Array.isArray(branches)) return;
    for (const branch of branches as Json[]) {
      const others = (branches as Json[]).filter((b) => b !== branch);
      if (typesOf(branch).includes("integer") && others.some((b) => typesOf(resolve(b)).includes("string")))
        integerOnly.add(branch);
    }
  });
  walk(root, (node) => {
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/schemas/"))
      node.$ref = `${SPEC_ID}#/$defs/${node.$ref.slice("#/components/schemas/".length)}`;
    if (!integerOnly.has(node)) admitIntegerStrings(node);
    if (Array.isArray(node.oneOf)) shapeUnion(node, "oneOf", resolve);
    else if (Array.isArray(node.anyOf) && node["x-discord-union"] === "oneOf") shapeUnion(node, "anyOf", resolve);
  });
}

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value && typeof value === "object") {
    for (const child of Object.values(value)) walk(child, visit);
    visit(value as Json);
  }
}

function typesOf(node: Json): unknown[] {
  return Array.isArray(node.type) ? node.type : [node.type];
}

/** `type: integer` also takes a string of digits within the field's bounds; an enum or const stays as it is. */
function admitIntegerStrings(node: Json): void {
  const types = typesOf(node);
  if (!types.includes("integer") || types.includes("string") || "enum" in node || "const" in node) return;
  node.type = [...types.filter((t) => t !== undefined), "string"];
  const format = INT_FORMATS[String(node.format)] ?? {};
  const tighter = (a: string | undefined, b: number | undefined, pick: (x: bigint, y: bigint) => bigint) => {
    if (typeof b !== "number") return a;
    const bound = BigInt(b);
    return (a === undefined ? bound : pick(BigInt(a), bound)).toString();
  };
  node[INTEGER_STRING] = {
    min: tighter(format.min, node.minimum as number | undefined, (x, y) => (x > y ? x : y)),
    max: tighter(format.max, node.maximum as number | undefined, (x, y) => (x < y ? x : y)),
  } satisfies Bounds;
}

/**
 * Rewrites a union so that its errors name the one shape meant. A list of constants becomes an enum; a null
 * branch becomes "null, or else the rest"; shapes tagged by distinct `type` values become "if the tag is X, then
 * shape X"; untagged anyOf shapes each refuse the fields that only other shapes declare.
 */
function shapeUnion(node: Json, keyword: "oneOf" | "anyOf", resolve: (n: Json) => Json): void {
  const branches = node[keyword] as Json[];
  const isConst = (b: Json) =>
    "const" in b && Object.keys(b).every((k) => ["const", "title", "description"].includes(k));
  if (branches.every(isConst)) {
    node.enum = branches.map((b) => b.const);
    delete node[keyword];
    return;
  }
  const isNull = (b: Json) => b.type === "null" && Object.keys(b).length === 1;
  const rest = branches.filter((b) => !isNull(b));
  if (rest.length < branches.length) {
    const others: Json = rest.length === 1 ? (rest[0] as Json) : { [keyword]: rest };
    if (rest.length > 1) shapeUnion(others, keyword, resolve);
    node.if = { type: "null" };
    node.else = others;
    delete node[keyword];
    return;
  }
  const tags = rest.map((b) => tagOf(resolve(b)));
  const all = tags.flat();
  if (tags.every((t) => t.length > 0) && new Set(all).size === all.length) {
    node.allOf = [
      ...((node.allOf ?? []) as Json[]),
      { required: ["type"], properties: { type: { enum: all } } },
      ...rest.map((b, i) => ifThen({ required: ["type"], properties: { type: { enum: tags[i] } } }, b)),
    ];
    delete node[keyword];
    return;
  }
  if (keyword === "oneOf") return;
  const fields = rest.map((b) => propertiesOf(b, resolve));
  node[keyword] = rest.map((b, i) => {
    const foreign = [...new Set(fields.filter((_, j) => j !== i).flat())].filter((f) => !fields[i]?.includes(f));
    return foreign.length === 0 ? b : { allOf: [b], properties: Object.fromEntries(foreign.map((f) => [f, false])) };
  });
}

function ifThen(condition: Json, consequence: Json): Json {
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's own if/then keywords, never awaited.
  return { if: condition, then: consequence };
}

/** The values of a shape's required `type` property, when it is an enum or a const. */
function tagOf(shape: Json): unknown[] {
  const type = (shape.properties as Record<string, Json> | undefined)?.type;
  if (!type || !(shape.required as string[] | undefined)?.includes("type")) return [];
  if (Array.isArray(type.enum)) return type.enum;
  return "const" in type ? [type.const] : [];
}

function propertiesOf(node: Json, resolve: (n: Json) => Json): string[] {
  const shape = resolve(node);
  const own = Object.keys((shape.properties ?? {}) as Json);
  const inherited = ((shape.allOf ?? []) as Json[]).flatMap((part) => propertiesOf(part, resolve));
  return [...own, ...inherited];
}
