export { foldMessages } from "./fold-messages.ts";
export { type ReferenceContext, referenceEvaluate } from "./reference-evaluate.ts";
export { referenceMemberships } from "./reference-memberships.ts";
