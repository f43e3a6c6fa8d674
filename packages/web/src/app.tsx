import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { ApiContext } from "./api/api-context.ts";
import { Api } from "./api/client.ts";
import { forgetKey, loadKey, saveKey } from "./auth/key-store.ts";
import { SignIn } from "./auth/sign-in.tsx";
import { SegmentListPage } from "./pages/segment-list-page.tsx";
import { Link, navigate, useLocation } from "./router.tsx";

// The editor and the segment page are loaded when first opened: the list opens faster.
const EditorPage = lazy(() => import("./pages/editor-page.tsx"));
const SegmentPage = lazy(() => import("./pages/segment-page.tsx"));

export function App() {
  const [key, setKey] = useState(loadKey);
  const [rejected, setRejected] = useState(false);
  // A sign-in link opened in a tab already showing the dashboard only changes the fragment.
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash.startsWith("#key=")) setKey(loadKey());
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const api = useMemo(
    () =>
      key === undefined
        ? undefined
        : new Api(key, () => {
            forgetKey();
            setRejected(true);
            setKey(undefined);
          }),
    [key],
  );

  if (api === undefined) {
    return (
      <SignIn
        rejected={rejected}
        onSignedIn={(k) => {
          saveKey(k);
          setRejected(false);
          setKey(k);
        }}
      />
    );
  }

  return (
    <ApiContext.Provider value={api}>
      <FocusOnNavigation />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          GrowthOS Segments
        </Link>
        <nav aria-label="Main">
          <Link to="/">Segments</Link>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              forgetKey();
              setKey(undefined);
              navigate("/");
            }}
          >
            Sign out
          </button>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Routes />
        </Suspense>
      </main>
    </ApiContext.Provider>
  );
}

function Routes() {
  const { path, query } = useLocation();
  if (path === "/segments/new")
    return (
      <EditorPage key={`new:${query.get("template") ?? ""}`} template={query.get("template") ?? undefined} />
    );
  const edit = /^\/segments\/([^/]+)\/edit$/.exec(path);
  if (edit) return <EditorPage key={edit[1]} segmentId={decodeURIComponent(edit[1])} />;
  const page = /^\/segments\/([^/]+)$/.exec(path);
  if (page) return <SegmentPage key={page[1]} segmentId={decodeURIComponent(page[1])} />;
  if (path === "/") return <SegmentListPage />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing here. <Link to="/">Back to the segments</Link>
      </p>
    </section>
  );
}

/** After a page change, focus goes to the new page, as it would after a full load. */
function FocusOnNavigation() {
  const { path } = useLocation();
  const last = useRef(path);
  useEffect(() => {
    if (last.current === path) return;
    last.current = path;
    document.getElementById("main")?.focus();
  }, [path]);
  return null;
}
