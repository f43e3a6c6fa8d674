/**
 * A message as the pipeline takes it: the API has parsed and validated it, and turned its
 * timestamp into epoch ms (the receive time when the sender gave none).
 */
export type IngestMessage =
  | {
      type: "identify";
      userId: string;
      traits: Record<string, unknown>;
      timestamp: number;
      messageId?: string;
    }
  | {
      type: "track";
      userId: string;
      event: string;
      properties: Record<string, unknown>;
      timestamp: number;
      messageId?: string;
    }
  | { type: "score"; userId: string; score: string; value: number; timestamp: number; messageId?: string }
  | { type: "delete"; userId: string; messageId?: string }
  | { type: "list"; userId: string; list: string; member: boolean; messageId?: string };
