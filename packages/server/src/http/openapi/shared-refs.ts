import { jsonSchemaTransformObject } from "fastify-type-provider-zod";

type Transform = typeof jsonSchemaTransformObject;

/**
 * fastify-type-provider-zod's document, with the references into `__shared` (the definitions
 * zod hoists out of recursive schemas, such as a rule group's children) made valid JSON
 * Pointers: it writes `#/components/schemas/__shared#/$defs/…`, which no tool can resolve.
 */
export const transformDocument: Transform = (document) => {
  const text = JSON.stringify(jsonSchemaTransformObject(document));
  return JSON.parse(text.replaceAll('"#/components/schemas/__shared#/', '"#/components/schemas/__shared/'));
};
