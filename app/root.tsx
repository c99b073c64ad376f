import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Marque — one brand, every asset" }];

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="topbar">
          <a href="/" className="brand">
            <span className="brand-mark" aria-hidden>M</span> Marque
          </a>
          <nav aria-label="Main">
            <NavLink to="/kits">Brand kits</NavLink>
            <NavLink to="/templates">Templates</NavLink>
            <NavLink to="/designs">Designs</NavLink>
            <NavLink to="/video">Video</NavLink>
            <NavLink to="/library">Library</NavLink>
            <NavLink to="/audit">Audit</NavLink>
          </nav>
        </header>
        <main className="page">{children}</main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** One error view for root and every route with params: plain words, per status. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message =
      error.status === 404
        ? "We couldn't find that. It may have been deleted or the link is wrong."
        : typeof error.data === "string"
          ? error.data
          : error.statusText;
    return (
      <section className="error-panel" role="alert">
        <h1>{error.status === 404 ? "Not found" : `Error ${error.status}`}</h1>
        <p>{message}</p>
        <a href="/kits">Back to brand kits</a>
      </section>
    );
  }
  return (
    <section className="error-panel" role="alert">
      <h1>Something went wrong</h1>
      <p>{error instanceof Error ? error.message : "Unknown error"}</p>
      <a href="/kits">Back to brand kits</a>
    </section>
  );
}
