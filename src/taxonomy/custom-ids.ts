/** The custom_ids of /topics and /resource: built by the renderers here, parsed by the router for the commands. */
import { customIdCodec } from "../discord/custom-id.js";
import { decodeFilters, encodeFilters, type ResourceFilters } from "./filters.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A /topics control. The two select menus carry no id (the chosen option's value is the id); a button that opens
 * one area or topic (such as "Back to <area>") carries it.
 */
export type TopicsControl = { view: "areas" } | { view: "area"; areaId?: string } | { view: "topic"; topicId?: string };

export const topicsIds = customIdCodec<TopicsControl>("topics", {
  encode: (control) => {
    const id = control.view === "area" ? control.areaId : control.view === "topic" ? control.topicId : undefined;
    return id ? [control.view, id] : [control.view];
  },
  decode: ([view, id, ...rest]) => {
    if (rest.length > 0 || (id !== undefined && !SLUG.test(id))) return null;
    if (view === "area") return id === undefined ? { view } : { view, areaId: id };
    if (view === "topic") return id === undefined ? { view } : { view, topicId: id };
    if (view === "areas" && id === undefined) return { view };
    return null;
  },
});

/** "Another pick" carries its filters, so a press still works after a restart. */
export type ResourceControl = { action: "more"; filters: ResourceFilters };

export const resourceIds = customIdCodec<ResourceControl>("resource", {
  encode: (control) => [control.action, ...encodeFilters(control.filters)],
  decode: ([action, ...rest]) => {
    if (action !== "more") return null;
    const filters = decodeFilters(rest);
    if (!filters || (filters.topic !== undefined && !SLUG.test(filters.topic))) return null;
    return { action, filters };
  },
});
