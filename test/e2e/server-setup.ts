// E2E global setup: build the app when sources changed, start the production server (`server.js`, as
// `npm start` does) on a free port with its own fresh database and data folder, and create the owner
// through the real first-run form. Tests sign in as that owner (browser.ts `signedInPage`).
import type { TestProject } from "vitest/node";
import { createOwner, startServer, type E2EServer, type Owner } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDataDir: string;
    owner: Owner;
  }
}

export const OWNER: Owner = { email: "owner@e2e.example", password: "e2e owner passphrase", name: "E2E Owner", workspaceName: "E2E brands" };

let server: E2EServer | undefined;

export default async function setup(project: TestProject) {
  server = await startServer({ build: true });
  await createOwner(server.baseUrl, OWNER);
  project.provide("baseUrl", server.baseUrl);
  project.provide("e2eDataDir", server.dir);
  project.provide("owner", OWNER);
  return async () => {
    await server?.stop();
  };
}
