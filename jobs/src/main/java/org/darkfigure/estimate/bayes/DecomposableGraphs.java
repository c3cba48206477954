package org.darkfigure.estimate.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All decomposable (chordal) graphs on K labelled lists, each by its cliques and the separators of a junction
 * tree, as bit masks (bit i = list i + 1). dga ships these for K = 3, 4, 5 (8, 61, 822 graphs); generating them
 * lets K = 2 and K = 6 (18,154) work too. Separators are those of the running intersection ordering; empty ones
 * (between connected components) are left out, as dga's stored graphs do.
 */
public final class DecomposableGraphs {

    /** Largest K: K = 7 would mean checking 2^21 graphs and averaging over 617,675 of them. */
    public static final int MAX_LISTS = 6;

    private static final ConcurrentHashMap<Integer, List<Graph>> CACHE = new ConcurrentHashMap<>();

    private DecomposableGraphs() {
    }

    /** A decomposable graph: its maximal cliques in a running-intersection order, and the non-empty separators. */
    public record Graph(int[] cliques, int[] separators) {

        /** Cliques as 1-based list numbers, e.g. [[1, 2], [3]]; sorted for display. */
        public List<List<Integer>> cliqueLists() {
            List<List<Integer>> out = new ArrayList<>();
            List<int[]> members = new ArrayList<>();
            for (int c : cliques) {
                members.add(members(c));
            }
            members.sort((a, b) -> Arrays.compare(a, b));
            for (int[] m : members) {
                out.add(Arrays.stream(m).boxed().toList());
            }
            return out;
        }

        /** dga's notation: cliques by their list numbers, e.g. "12,3". */
        public String label() {
            StringBuilder s = new StringBuilder();
            for (List<Integer> c : cliqueLists()) {
                if (s.length() > 0) {
                    s.append(',');
                }
                c.forEach(s::append);
            }
            return s.toString();
        }

        private static int[] members(int mask) {
            int[] m = new int[Integer.bitCount(mask)];
            for (int i = 0, j = 0; i < 32; i++) {
                if ((mask & (1 << i)) != 0) {
                    m[j++] = i + 1;
                }
            }
            return m;
        }
    }

    /** The decomposable graphs on k lists, in a fixed order (by edge set). */
    public static List<Graph> of(int k) {
        if (k < 1 || k > MAX_LISTS) {
            throw new IllegalArgumentException("decomposable graphs are generated for 1.." + MAX_LISTS + " lists, not " + k);
        }
        return CACHE.computeIfAbsent(k, DecomposableGraphs::generate);
    }

    private static List<Graph> generate(int k) {
        int[][] edges = new int[k * (k - 1) / 2][];
        for (int i = 0, e = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                edges[e++] = new int[] {i, j};
            }
        }
        List<Graph> graphs = new ArrayList<>();
        int[] adj = new int[k];
        for (int set = 0; set < 1 << edges.length; set++) {
            Arrays.fill(adj, 0);
            for (int e = 0; e < edges.length; e++) {
                if ((set & (1 << e)) != 0) {
                    adj[edges[e][0]] |= 1 << edges[e][1];
                    adj[edges[e][1]] |= 1 << edges[e][0];
                }
            }
            Graph g = decompose(adj);
            if (g != null) {
                graphs.add(g);
            }
        }
        return List.copyOf(graphs);
    }

    /**
     * Maximum cardinality search (Tarjan & Yannakakis 1984): the graph is chordal iff each vertex's earlier-numbered
     * neighbours form a clique; then the sets {v} + those neighbours that are not contained in the next one are the
     * maximal cliques, already in a running-intersection order. Null when the graph is not chordal.
     */
    static Graph decompose(int[] adj) {
        int k = adj.length;
        int numbered = 0;
        int[] order = new int[k];
        for (int step = 0; step < k; step++) {
            int best = -1;
            int bestCount = -1;
            for (int v = 0; v < k; v++) {
                if ((numbered & (1 << v)) == 0) {
                    int c = Integer.bitCount(adj[v] & numbered);
                    if (c > bestCount) {
                        best = v;
                        bestCount = c;
                    }
                }
            }
            order[step] = best;
            numbered |= 1 << best;
        }
        int[] candidate = new int[k];
        numbered = 0;
        for (int step = 0; step < k; step++) {
            int v = order[step];
            int earlier = adj[v] & numbered;
            for (int rest = earlier; rest != 0; rest &= rest - 1) {
                int u = Integer.numberOfTrailingZeros(rest);
                if ((earlier & ~(1 << u) & ~adj[u]) != 0) {
                    return null;
                }
            }
            candidate[step] = earlier | (1 << v);
            numbered |= 1 << v;
        }
        List<Integer> cliques = new ArrayList<>();
        for (int step = 0; step < k; step++) {
            boolean maximal = step == k - 1 || (candidate[step] & ~candidate[step + 1]) != 0;
            if (maximal) {
                cliques.add(candidate[step]);
            }
        }
        List<Integer> separators = new ArrayList<>();
        int seen = 0;
        for (int c : cliques) {
            int s = c & seen;
            if (s != 0) {
                separators.add(s);
            }
            seen |= c;
        }
        return new Graph(cliques.stream().mapToInt(Integer::intValue).toArray(),
                separators.stream().mapToInt(Integer::intValue).toArray());
    }
}
