// The panel's style sheet, adopted by its shadow root (constructable style sheet: no inline
// <style> needed, so pages with a strict style-src CSP still show it).
export const PANEL_CSS = `
:host { all: initial; }
.panel {
  position: fixed; z-index: 2147483647; top: 16px; right: 16px; bottom: auto;
  width: min(440px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow-y: auto;
  box-sizing: border-box; padding: 16px 18px 14px; border-radius: 12px;
  background: rgba(20, 22, 28, 0.97); color: #f3f4f6; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.55);
  border: 1px solid rgba(255, 255, 255, 0.14);
  font: 15px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR",
        "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; text-align: left;
}
.panel[hidden] { display: none; }
/* docked (the web player): over the video column, never over the transcript beside it (it may reach
   below the column, down to the viewport's bottom); below the player, in the page's flow, where the
   columns stack */
:host([docked]) .panel { position: absolute; z-index: 10; top: 12px; right: 12px;
                         width: min(440px, calc(100% - 24px)); max-height: max(calc(100% - 24px), calc(100vh - 100px)); }
@media (max-width: 900px) {
  :host([docked]) .panel { position: static; width: auto; max-height: none; margin-top: 12px; }
}
header { display: flex; align-items: flex-start; gap: 8px; margin-bottom: 8px; }
h2 { flex: 1; margin: 0; font-size: 13px; font-weight: 600; letter-spacing: 0.02em; color: #a5b4fc; }
.close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 2px 6px; color: #cbd5e1; border-radius: 6px; }
.close:hover, .close:focus-visible { background: rgba(255, 255, 255, 0.12); }
blockquote { margin: 0 0 10px; padding: 6px 10px; border-left: 3px solid #818cf8; color: #e5e7eb;
             background: rgba(255, 255, 255, 0.05); border-radius: 0 6px 6px 0; }
blockquote .time { color: #9ca3af; font-size: 12px; margin-left: 6px; }
.text { margin: 0 0 10px; white-space: pre-wrap; }
.status { margin: 4px 0 8px; color: #fde68a; }
.status.calm { color: #bfdbfe; }
h3 { margin: 12px 0 4px; font-size: 12px; font-weight: 600; color: #9ca3af; text-transform: uppercase; letter-spacing: 0.05em; }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 3px 0; }
.expression { font-weight: 600; color: #fcd34d; }
.entity { font-weight: 600; }
.confidence, .evidence, .note { color: #9ca3af; font-size: 13px; }
.evidence { display: block; }
a, button.reference { all: unset; cursor: pointer; color: #93c5fd; text-decoration: underline; text-underline-offset: 2px; }
.reference-text { color: #93c5fd; }
a:focus-visible, button.reference:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
.description { color: #e5e7eb; }
footer { display: flex; align-items: center; gap: 8px; margin-top: 12px; padding-top: 10px; border-top: 1px solid rgba(255, 255, 255, 0.1); color: #cbd5e1; font-size: 13px; }
footer .vote { all: unset; cursor: pointer; font-size: 18px; padding: 2px 8px; border-radius: 8px; background: rgba(255, 255, 255, 0.08); }
footer .vote:hover, footer .vote:focus-visible { background: rgba(255, 255, 255, 0.18); }
footer .vote svg { display: block; }
footer .vote[disabled] { opacity: 0.45; cursor: default; }
footer .vote[aria-pressed="true"] { opacity: 1; background: rgba(129, 140, 248, 0.45); }
`;
