import { useApi } from "../api/api-context.ts";
import type { ExplainNode } from "../api/types.ts";
import { useAsync } from "../use-async.ts";
import { conditionText, observedText } from "./condition-text.ts";

/** Why a contact is in the segment or not: every node with ✓/✗ and the values behind it. */
export function ExplainPanel({
  segmentId,
  contactId,
  onClose,
}: {
  segmentId: string;
  contactId: string;
  onClose: () => void;
}) {
  const api = useApi();
  const explained = useAsync(() => api.explain(segmentId, contactId), [api, segmentId, contactId]);
  return (
    <section className="card explain" aria-labelledby="explain-title" data-testid="explain">
      <div className="card-head">
        <h2 id="explain-title">
          Why <code>{contactId}</code>{" "}
          {explained.data ? (explained.data.result ? "is a member" : "is not a member") : "…"}
        </h2>
        <button type="button" className="icon" aria-label="Close the explanation" onClick={onClose}>
          ×
        </button>
      </div>
      {explained.error && <p className="error">{explained.error.message}</p>}
      {explained.data && (
        <>
          <ul className="explain-tree">
            <ExplainItem node={explained.data} />
          </ul>
          <p className="muted small">
            Evaluated at {new Date(explained.data.evaluated_at).toLocaleString("en-US")}
          </p>
        </>
      )}
    </section>
  );
}

function ExplainItem({ node }: { node: ExplainNode }) {
  const mark = (
    <span
      className={`mark ${node.result ? "yes" : "no"}`}
      role="img"
      aria-label={node.result ? "true" : "false"}
    >
      {node.result ? "✓" : "✗"}
    </span>
  );
  const changes = node.changes_at ? (
    <span className="muted small"> · can change at {new Date(node.changes_at).toLocaleString("en-US")}</span>
  ) : null;
  if (node.type === "group") {
    return (
      <li>
        {mark} {node.negate ? "NOT " : ""}
        {node.combinator === "or" ? "ANY of" : "ALL of"}
        {changes}
        <ul>
          {node.children?.map((child) => (
            <ExplainItem key={child.path} node={child} />
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li>
      {mark} {conditionText(node.condition ?? {})}{" "}
      <span className="observed">— {observedText(node.observed)}</span>
      {changes}
    </li>
  );
}
