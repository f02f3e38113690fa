import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_VISIBLE, heightFor, layout, nodeBox, overlaps, visibleNetwork } from "../../web/src/explorer/network.js";

// a real drama's cast: long names, a few important people and many minor ones, densely related
const NAMES = ["신하리", "강태무", "진영서", "차성훈", "강다구", "여부장", "신금희", "계민정", "이민우", "미모", "혜지",
  "박전무", "중해", "신하민", "광복", "안성댁", "황전무", "조유정", "고상무", "진회장", "신중호", "한정숙", "강대표",
  "Rachel Green", "Chandler Bing", "Joey Tribbiani", "Monica Geller", "Phoebe Buffay", "Barry Farber",
  "Mindy Hunter", "Peter Becker", "Emily Waltham", "Richard Burke", "Joshua Burgin", "Kate Miller"];
const cast = NAMES.map((name, i) => ({ id: `c${i}`, name, type: "character", importance: 1 / (1 + i / 3),
                                       mentionCount: 100 - i, community: i % 4, aliases: [] }));
const edges = cast.flatMap((a, i) => cast.slice(i + 1, i + 6).map((b) => ({ source: a.id, target: b.id,
                                                                          type: "co_appearance", strength: 0.8 })));

test("the network shows the most important characters, the selected one and the lines among them", () => {
  const shown = visibleNetwork({ nodes: [...cast].reverse(), edges }, DEFAULT_VISIBLE, "c30");
  assert.equal(DEFAULT_VISIBLE, 15);
  assert.deepEqual(shown.nodes.map((n) => n.id), [...cast.slice(0, 15).map((n) => n.id), "c30"]);
  assert.equal(shown.total, cast.length);
  const ids = new Set(shown.nodes.map((n) => n.id));
  assert.ok(shown.edges.length > 0 && shown.edges.every((e) => ids.has(e.source) && ids.has(e.target)));
  assert.equal(visibleNetwork({ nodes: cast, edges }, 100).nodes.length, cast.length);
});

for (const count of [5, DEFAULT_VISIBLE, 20, NAMES.length]) {
  test(`no two labels overlap with ${count} characters, all inside the drawing`, () => {
    const shown = visibleNetwork({ nodes: cast, edges }, count);
    const { nodes, height } = layout(shown.nodes, shown.edges);
    assert.equal(height, heightFor(count));
    const boxes = nodes.map(nodeBox);
    for (let i = 0; i < boxes.length; i += 1) {
      const box = boxes[i];
      assert.ok(box.left >= -0.5 && box.right <= 820.5 && box.top >= -0.5 && box.bottom <= height + 0.5, nodes[i].name);
      for (let j = i + 1; j < boxes.length; j += 1) {
        assert.ok(!overlaps(box, boxes[j]), `${nodes[i].name} overlaps ${nodes[j].name}`);
      }
    }
  });
}
