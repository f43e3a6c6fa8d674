export type * from "./api-types.ts";
export { Audience } from "./audience.ts";
export {
  type ChangeHandler,
  ChangeHandlerError,
  type ChangeOptions,
  type Unsubscribe,
} from "./change-stream.ts";
export type { FetchLike } from "./http-transport.ts";
export { SegmentsApiError } from "./segments-api-error.ts";
export { SegmentsClient, type SegmentsClientOptions } from "./segments-client.ts";
