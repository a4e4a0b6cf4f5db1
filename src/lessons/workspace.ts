// The overlay most steps are about: the workspace's own upper/ and work/, mounted on merged/.
import type { LessonContext } from "../runner/types.js";
import type { CommandResult } from "../sys/exec.js";

/**
 * Mount `lower` (the workspace's lower/, unless the lesson stacks image layers of its own) with
 * the workspace's upper/ and work/ on its merged/, as `mount -t overlay` with absolute paths.
 */
export function mountWorkspace(
  ctx: LessonContext<unknown, unknown>,
  lower: readonly string[] = [ctx.workspace.lower],
): Promise<CommandResult> {
  const { upper, work, merged } = ctx.workspace;
  return ctx.mountOverlay({ lower, upper, work, merged });
}
