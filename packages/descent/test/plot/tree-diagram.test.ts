// The tree diagram: one box per drawn node, one edge per parent-child pair, labels that
// carry each split's rule and each leaf's prediction, and truncation at maxDepth.
import { describe, expect, it } from 'vitest';
import { treeDiagram, type TreeDiagramData } from '../../src/plot/index.js';

// A hand-made tree: root splits x[1] <= 0.5; its right child splits x[0] <= 2.
const tree: TreeDiagramData = {
  childrenLeft: [1, -1, 3, -1, -1],
  childrenRight: [2, -1, 4, -1, -1],
  feature: [1, -2, 0, -2, -2],
  threshold: [0.5, -2, 2, -2, -2],
  value: [10, 10, 8, 2, 2, 8, 2, 1, 0, 7],
  nValues: 2,
  impurity: [0.5, 0.32, 0.32, 0.44, 0],
  nNodeSamples: [20, 10, 10, 3, 7],
};

type Layer = { data: { values: Record<string, unknown>[] } };

describe('treeDiagram', () => {
  it('draws every node and edge with its rule or prediction', () => {
    const spec = treeDiagram(tree, { featureNames: ['age', 'income'], classNames: ['no', 'yes'] });
    const [edges, boxes] = spec.layer as Layer[];
    expect(boxes.data.values).toHaveLength(5);
    expect(edges.data.values).toHaveLength(4);
    const root = boxes.data.values.find((n) => n.id === 0)!;
    expect(root.label).toContain('income <= 0.5');
    expect(root.depth).toBe(0);
    const leaf = boxes.data.values.find((n) => n.id === 4)!;
    expect(leaf.label).toContain('class = yes');
    // The parent sits midway above its two children.
    const x = (id: number) => boxes.data.values.find((n) => n.id === id)!.x as number;
    expect(x(2)).toBe((x(3) + x(4)) / 2);
  });
  it('stops at maxDepth and says the subtree is hidden', () => {
    const [edges, boxes] = treeDiagram(tree, { maxDepth: 1 }).layer as Layer[];
    expect(boxes.data.values).toHaveLength(3);
    expect(edges.data.values).toHaveLength(2);
    expect(boxes.data.values.find((n) => n.id === 2)!.label).toContain('(subtree not shown)');
  });
});
