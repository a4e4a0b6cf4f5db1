// The directories on a walk's current path, deepest last: what an analysis keeps open while the
// walk is beneath a directory (hidden bytes summed per hiding entry, a change still gathering
// them), finished as soon as the walk leaves it. walkStack yields parents before children, in
// sorted order, so a frame the next path is not beneath will never be entered again.
export interface PathFrame {
  path: string;
  /** path + "/": what every path beneath it starts with ("" for the root). */
  prefix: string;
}

export class PathFrames<Frame extends PathFrame> {
  private readonly stack: Frame[];

  constructor(
    root: Frame,
    private readonly finish: (frame: Frame) => void,
  ) {
    this.stack = [root];
  }

  /** The deepest open frame (the root when no directory is open). */
  get current(): Frame | undefined {
    return this.stack.at(-1);
  }

  /** Finish every frame `path` is not beneath; the root stays. A directory's own path is "dir/". */
  leave(path: string): void {
    for (let top = this.stack.at(-1); this.stack.length > 1 && top !== undefined && !path.startsWith(top.prefix); top = this.stack.at(-1)) {
      this.stack.pop();
      this.finish(top);
    }
  }

  push(frame: Frame): void {
    this.stack.push(frame);
  }

  /** The open frame of exactly this path. */
  at(path: string): Frame | undefined {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const frame = this.stack[index];
      if (frame?.path === path) return frame;
    }
    return undefined;
  }

  /** The walk is over: finish every frame, the root last. */
  drain(): void {
    for (let frame = this.stack.pop(); frame !== undefined; frame = this.stack.pop()) this.finish(frame);
  }
}
