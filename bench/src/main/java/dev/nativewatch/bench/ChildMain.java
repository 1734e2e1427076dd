package dev.nativewatch.bench;

import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.workloads.Workload;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry of a forked JVM: runs one workload once against one peer and prints its figures, so that each
 * measurement starts from a fresh heap, fresh threads and no kernel watches left by another peer.
 *
 * <pre>ChildMain WORKLOAD PEER [name=value]...</pre>
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) {
        try {
            Workload workload = Workload.named(args[0]);
            PeerId peer = PeerId.valueOf(args[1]);
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 2; i < args.length; i++) {
                int at = args[i].indexOf('=');
                params.put(args[i].substring(0, at), args[i].substring(at + 1));
            }
            System.out.print(workload.run(peer, params).toLines());
            System.out.flush();
            // Peers may leave non-daemon threads behind (an executor, a JDK poller); the run is over.
            System.exit(0);
        } catch (Throwable t) {
            System.out.println(Fork.ERROR_PREFIX + t);
            t.printStackTrace();
            System.exit(1);
        }
    }
}
