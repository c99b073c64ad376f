// Browsers ask for /favicon.ico whatever the page links; point them at the SVG icon.
import { redirect } from "@remix-run/node";

export const loader = () => redirect("/favicon.svg", { status: 301 });
