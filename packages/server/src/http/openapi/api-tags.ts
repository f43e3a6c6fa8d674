/** One tag per area of the API, in the order the reference shows them. */
export const API_TAGS = [
  { name: "ingestion", description: "Segment-spec compatible ingestion (analytics SDKs post here)" },
  { name: "contacts", description: "A contact's properties, scores and segments; deletion" },
  {
    name: "segments",
    description: "Segment definitions, previews, members, explanations, change log, history",
  },
  { name: "lists", description: "Static lists and their members" },
  { name: "templates", description: "Ready-made rules" },
  { name: "catalog", description: "What rules can refer to: properties, events, scores, module fields" },
  { name: "audiences", description: "Targeting: contacts in some segments and not in others" },
  { name: "live changes", description: "Server-Sent Events of segment entries and exits" },
  { name: "webhooks", description: "Signed deliveries of segment entries and exits (see `webhooks`)" },
  { name: "workspaces", description: "Administration (SEGMENTS_ADMIN_KEY)" },
  { name: "operations", description: "Health and metrics" },
];
