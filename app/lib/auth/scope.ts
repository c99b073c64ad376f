// Who is acting, in which workspace. Every model function that reads or writes workspace data takes a
// Scope first: a signed-in user (from requireUser), the CLI acting as a named workspace, or a test.
export type Scope = {
  workspaceId: string;
  /** The user acting; null for the CLI and background jobs. */
  userId?: string | null;
  /** How the activity log names the actor: an email, or "cli". */
  actor?: string;
};

export function actorLabel(scope: Scope): string {
  return scope.actor ?? (scope.userId ? `user ${scope.userId}` : "system");
}
