/** What the delivery workers report, as data: logged by the app, awaited by tests. */
export type DeliveryEvent =
  | {
      kind: "delivered";
      workspaceId: string;
      webhookId: string;
      seq: number;
      status: number;
      attempt: number;
    }
  | {
      kind: "failed";
      workspaceId: string;
      webhookId: string;
      seq: number;
      attempt: number;
      error: string;
      /** When the same change is tried again (epoch ms on the app's clock). */
      retryAt: number;
    }
  | { kind: "disabled"; workspaceId: string; webhookId: string; seq: number; reason: string }
  /** The store failed under the worker; it tries again after the poll interval. */
  | { kind: "error"; workspaceId: string; webhookId: string; error: unknown };

export type DeliveryObserver = (event: DeliveryEvent) => void;
