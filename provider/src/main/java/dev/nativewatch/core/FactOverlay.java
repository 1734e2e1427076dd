package dev.nativewatch.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot as the consumer knows it after the events it was told of since, applied as a consumer applies them: an
 * entry gone hides what the snapshot saw at and under its path, and voids the older facts under it (the consumer was
 * told that a directory went, and forgot what it held); an entry created stands at its path, known by when it was
 * told, and hides nothing under it unless it was gone before; a modified one is known by when it was told. The
 * facts are laid out as a tree of names and merged into the snapshot's sorted children, so the view is built in one
 * pass.
 */
final class FactOverlay {

    /** A name in the order of {@link SnapshotTable#compareNames}. */
    private record Name(byte[] bytes, Path odd) implements Comparable<Name> {
        static Name of(Path element) {
            String string = element.toString();
            return new Name(string.getBytes(StandardCharsets.UTF_8), SnapshotTable.oddName(element, string));
        }

        @Override
        public int compareTo(Name other) {
            return SnapshotTable.compare(bytes, 0, bytes.length, odd, other.bytes, 0, other.bytes.length, other.odd);
        }
    }

    /** The facts at and under one path. */
    private static final class Node {
        ToldView.Told told;
        final Map<Name, Node> children = new TreeMap<>();
    }

    private final SnapshotTable base;
    private final SnapshotBuilder builder;
    /** For each entry built: where its children come from, in the base (-1 for nowhere) and in the facts. */
    private final List<Integer> baseOf = new ArrayList<>();
    private final List<Node> nodeOf = new ArrayList<>();
    /** For each entry built: the order of the newest deletion at or above it; older facts under it are void. */
    private final List<Long> voidBefore = new ArrayList<>();

    private FactOverlay(SnapshotTable base) {
        this.base = base;
        this.builder = new SnapshotBuilder(base.fileSystem, base.attributes.recorded | AttributeColumns.TIMES);
    }

    static SnapshotTable overlay(SnapshotTable base, Map<Path, ToldView.Told> facts) {
        Node root = new Node();
        facts.forEach((path, told) -> {
            Node node = root;
            for (Path element : path) {
                node = node.children.computeIfAbsent(Name.of(element), name -> new Node());
            }
            node.told = told;
        });
        FactOverlay overlay = new FactOverlay(base);
        overlay.baseOf.add(0);
        overlay.nodeOf.add(root);
        overlay.voidBefore.add(0L);
        for (int i = 0; i < overlay.builder.count(); i++) {
            overlay.builder.open(i);
            overlay.children(overlay.baseOf.get(i), overlay.nodeOf.get(i), overlay.voidBefore.get(i));
        }
        return overlay.builder.build();
    }

    /** Merges the base's children of {@code b} (none if -1) with the facts' children of {@code node}. */
    private void children(int b, Node node, long voidFacts) {
        int k = b >= 0 ? base.firstChild(b) : 0;
        int end = b >= 0 ? base.endOfChildren(b) : 0;
        Iterator<Map.Entry<Name, Node>> facts = node == null ? Collections.emptyIterator()
                : node.children.entrySet().iterator();
        Map.Entry<Name, Node> fact = facts.hasNext() ? facts.next() : null;
        while (k < end || fact != null) {
            int order = k == end ? 1 : fact == null ? -1 : base.compareName(k, fact.getKey().bytes, fact.getKey().odd);
            if (order < 0) {
                add(builder.copy(base, k, 0), k, null, voidFacts);
                k++;
            } else {
                place(order == 0 ? k++ : -1, fact.getKey(), fact.getValue(), voidFacts);
                fact = facts.hasNext() ? facts.next() : null;
            }
        }
    }

    /**
     * An entry with facts at or under it; {@code k} is the base's entry at its path, or -1. Below a deletion there
     * is no base entry ({@code k} is -1), so a void fact there leaves nothing, or a ghost.
     */
    private void place(int k, Name name, Node node, long voidFacts) {
        ToldView.Told told = node.told == null || node.told.order() < voidFacts ? null : node.told;
        ToldView.Fact fact = told == null ? null : told.fact();
        long below = told == null ? voidFacts : Math.max(voidFacts, told.goneAt());
        int baseHere = told != null && told.goneAt() > 0 ? -1 : k;
        if (fact == ToldView.Fact.CREATED || (baseHere >= 0 && fact == ToldView.Fact.MODIFIED)) {
            int added = builder.add(name.bytes, name.odd, SnapshotTable.TOLD
                    | (baseHere >= 0 && base.is(k, SnapshotTable.DIRECTORY) ? SnapshotTable.DIRECTORY : 0));
            builder.attributes().setTold(added, told.atMillis());
            add(added, baseHere, node, below);
        } else if (k >= 0 && fact == null) {
            add(builder.copy(base, k, 0), k, node, below);
        } else if (!node.children.isEmpty()) {
            // Gone, or never seen: nothing of the base's stays here, but facts under it do.
            add(builder.add(name.bytes, name.odd, SnapshotTable.GHOST), -1, node, below);
        }
    }

    private void add(int index, int b, Node node, long voidFacts) {
        baseOf.add(b);
        nodeOf.add(node);
        voidBefore.add(voidFacts);
        assert baseOf.size() == index + 1;
    }
}
