// The page's styles, inlined by document.ts (and hashed into its Content-Security-Policy). System
// fonts only: a report opens offline, and the browser picks a CJK face from the page's lang.
// Colours tell what became of the bytes (fate-N, an image's or a container's page) or what holds a
// layer (role-N, the host's page); each also has a pattern-free label in the legend and the
// tooltip, so colour is never the only way to tell.
export const PAGE_STYLE = `
:root { --seen: #4c78a8; --image-hidden: #e45756; --container-hidden: #f2a541; --written: #54a24b;
  --own: #4c78a8; --shared: #8e6bbf; --unused: #8a8f99;
  --ink: #1d2330; --muted: #5b6475; --line: #d6dae3; --panel: #ffffff; --page: #f3f5f9; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans CJK JP", "Hiragino Sans", "Microsoft YaHei", "Meiryo", sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 20px; margin: 0 0 2px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 0 0 6px; }
.made, .help { color: var(--muted); margin: 0 0 10px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.figure { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 6px 10px; min-width: 150px; }
.figure .value { font-size: 20px; font-weight: 600; }
.figure .label { color: var(--muted); }
.figure.fate-0 { border-left-color: var(--seen); } .figure.fate-1 { border-left-color: var(--image-hidden); }
.figure.fate-2 { border-left-color: var(--container-hidden); } .figure.fate-3 { border-left-color: var(--written); }
.largest { margin: 8px 0 0; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 8px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block; }
.fate-0 > .swatch, .cell.leaf.fate-0, .segment.fate-0 { background: var(--seen); }
.fate-1 > .swatch, .cell.leaf.fate-1, .segment.fate-1 { background: var(--image-hidden); }
.fate-2 > .swatch, .cell.leaf.fate-2, .segment.fate-2 { background: var(--container-hidden); }
.fate-3 > .swatch, .cell.leaf.fate-3, .segment.fate-3 { background: var(--written); }
.role-0 > .swatch, .cell.leaf.role-0, .segment.role-0 { background: var(--own); }
.role-1 > .swatch, .cell.leaf.role-1, .segment.role-1 { background: var(--shared); }
.role-2 > .swatch, .cell.leaf.role-2, .segment.role-2 { background: var(--written); }
.role-3 > .swatch, .cell.leaf.role-3, .segment.role-3 { background: var(--unused); }
.figure.role-2 { border-left-color: var(--written); } .figure.role-3 { border-left-color: var(--unused); }
.folded > .swatch, .cell.fold { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.55) 0 3px, transparent 3px 7px); }
.crumbs { display: flex; flex-wrap: wrap; gap: 2px; align-items: center; margin: 4px 0; padding: 0; list-style: none; }
.crumbs li + li::before { content: "›"; color: var(--muted); margin: 0 4px; }
.crumbs button { border: 0; background: none; color: #2357b5; cursor: pointer; padding: 2px 2px; font: inherit; text-decoration: underline; }
.crumbs [aria-current] { font-weight: 600; }
.zoomed { margin: 2px 0 8px; color: var(--muted); overflow-wrap: anywhere; }
.treemap { position: relative; width: 100%; height: 560px; background: #e8ebf1; border-radius: 4px; overflow: hidden; }
.cell { position: absolute; overflow: hidden; border: 1px solid rgba(20,25,35,.35); font-size: 11px; line-height: 14px; white-space: nowrap; text-overflow: ellipsis; cursor: pointer; }
.cell.group { background: rgba(255,255,255,.55); }
.cell.layer { background: rgba(255,255,255,.8); border-color: #1d2330; border-width: 2px; }
.cell.image, .cell.store { background: rgba(255,255,255,.9); }
.cell .name { display: block; padding: 1px 4px; overflow: hidden; text-overflow: ellipsis; font-weight: 600; }
.cell.leaf .name { color: #fff; font-weight: 500; text-shadow: 0 0 2px rgba(0,0,0,.6); }
.tip { position: fixed; z-index: 10; pointer-events: none; max-width: 460px; background: #1d2330; color: #fff; padding: 8px 10px; border-radius: 6px; font-size: 12px; line-height: 1.4; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.tip[hidden] { display: none; }
.tip div { overflow-wrap: anywhere; } .tip .path { font-weight: 600; }
.bars { display: grid; grid-template-columns: minmax(180px, 38%) 1fr; gap: 6px 12px; align-items: center; }
.bar-label { overflow-wrap: anywhere; cursor: pointer; }
.bar-label .number { font-weight: 600; margin-right: 4px; }
.bar { display: flex; height: 18px; background: #eef0f5; border-radius: 3px; overflow: hidden; cursor: pointer; }
.bar-figures { grid-column: 2; color: var(--muted); margin-top: -4px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { white-space: nowrap; }
td.path { min-width: 12em; } td.fix { min-width: 16em; color: var(--muted); }
th button { border: 0; background: none; font: inherit; font-weight: 600; cursor: pointer; padding: 0; color: var(--ink); }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.bytes, td.how { white-space: nowrap; overflow-wrap: normal; } td.bytes { text-align: right; } th.bytes { text-align: right; }
.notes li { overflow-wrap: anywhere; }
td.id, td.state, td.runtime, td.driver { white-space: nowrap; } td.driver .flag { white-space: normal; }
.totals { margin: 6px 0 4px; font-weight: 600; overflow-wrap: anywhere; }
td.disk { min-width: 14em; } td.disk .bar { height: 10px; margin: 3px 0; } .split-text { color: var(--muted); font-size: 12px; }
.flag { color: #9a5b00; font-size: 12px; margin-top: 2px; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #eef0f5; padding: 1px 5px; border-radius: 3px; overflow-wrap: anywhere; }
.reclaim { margin: 4px 0 0; padding-left: 20px; } .reclaim li { margin: 2px 0; }
@media (max-width: 700px) { .bars { grid-template-columns: 1fr; } .bar-figures { grid-column: 1; } .treemap { height: 420px; } }
`;
