// Roles in a workspace and what each may do. Pure: the UI uses it to hide what a role cannot do; the
// server enforces the same table in requireUser().
export const ROLES = ["viewer", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

/** True when `role` has at least the rights of `min` (owner ⊃ editor ⊃ viewer). */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export const ROLE_LABEL: Record<Role, string> = { owner: "Owner", editor: "Editor", viewer: "Viewer" };

export const ROLE_HELP: Record<Role, string> = {
  owner: "Changes the brand kit, invites people and manages the workspace.",
  editor: "Makes designs, exports and videos in the kit; cannot change the kit.",
  viewer: "Browses and downloads.",
};

/** What a role is refused, in words a person can act on. */
export function refusal(min: Role): string {
  if (min === "owner") return "Only a workspace owner can do this: the brand kit is locked for editors and viewers.";
  if (min === "editor") return "Viewers can browse and download; ask an owner to make you an editor to create or change designs.";
  return "You need to be a member of this workspace.";
}
