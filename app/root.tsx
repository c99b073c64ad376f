import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { getAuth } from "./lib/auth/guard.server.ts";
import { useNonce } from "./lib/nonce.tsx";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Marque — one brand, every asset" }];

/** Who is signed in, for the top bar; null when signed out. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  return { account: auth ? { email: auth.user.email, role: auth.role, workspace: auth.workspace.name } : null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  // Layout also renders error pages, where the root loader may not have run.
  const account = useRouteLoaderData<typeof loader>("root")?.account ?? null;
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
          {account ? (
            <>
              <nav aria-label="Main">
                <NavLink to="/kits">Brand kits</NavLink>
                <NavLink to="/templates">Templates</NavLink>
                <NavLink to="/designs">Designs</NavLink>
                <NavLink to="/video">Video</NavLink>
                <NavLink to="/library">Library</NavLink>
                <NavLink to="/audit">Audit</NavLink>
              </nav>
              <div className="account" data-testid="account">
                <NavLink to="/workspaces" className="workspace" title="Switch workspace">{account.workspace}</NavLink>
                <NavLink to="/account" className="who" title={`Signed in as ${account.email} (${account.role}): your account`}>{account.email}</NavLink>
                <NavLink to="/settings">Settings</NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="signout">Sign out</button>
                </Form>
              </div>
            </>
          ) : null}
        </header>
        <main className="page">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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
        <h1>{error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : error.status === 429 ? "Too many tries" : `Error ${error.status}`}</h1>
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
