import { useEffect, useRef } from "react";
import { useApi } from "../api/api-context.ts";
import { navigate } from "../router.tsx";
import { useAsync } from "../use-async.ts";

/** A dialog to start a segment: blank, or from one of the templates. */
export function TemplateGallery({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const templates = useAsync(() => api.templates(), [api]);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="gallery" aria-labelledby="gallery-title" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="gallery-title">New segment</h2>
        <button type="button" className="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <ul className="template-grid">
        <li>
          <button type="button" className="template-card" onClick={() => navigate("/segments/new")}>
            <strong>Blank segment</strong>
            <span className="muted">Start from an empty rule</span>
          </button>
        </li>
        {templates.data?.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="template-card"
              onClick={() => navigate(`/segments/new?template=${encodeURIComponent(t.id)}`)}
            >
              <strong>{t.name}</strong>
              <span className="muted">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {templates.error && <p className="error">{templates.error.message}</p>}
    </dialog>
  );
}
