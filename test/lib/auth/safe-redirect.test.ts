import { expect, test } from "vitest";
import { safeRedirect } from "~/lib/auth/safe-redirect.ts";

test("same-site paths are kept, with their query and hash", () => {
  expect(safeRedirect("/designs/abc?format=story#top")).toBe("/designs/abc?format=story#top");
  expect(safeRedirect("/invite/tok_en-1")).toBe("/invite/tok_en-1");
});

test("anything that could leave the site falls back to /kits", () => {
  for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "evil.example", "/\t/evil.example", "", null, undefined, 42]) {
    expect(safeRedirect(bad), String(bad)).toBe("/kits");
  }
});

test("the sign-in pages themselves are not a destination", () => {
  expect(safeRedirect("/login?redirectTo=/x")).toBe("/kits");
  expect(safeRedirect("/logout")).toBe("/kits");
  expect(safeRedirect("/setup", "/login")).toBe("/login");
});
