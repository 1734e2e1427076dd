package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;

import java.util.Map;

/** One workload, run once against one peer inside a forked JVM of its own. */
public interface Workload {

    /** How deep G's deep calls are. */
    int EXISTS_DEEP_FRAMES = ExistsWorkload.DEEP_FRAMES;

    /**
     * @param params the workload's parameters, as the runner passed them on the command line
     * @return the figures of this run
     */
    Measurement run(PeerId peer, Map<String, String> params) throws Exception;

    /** @return the workload of a name given on a child's command line */
    static Workload named(String name) {
        return switch (name) {
            case "registration" -> new RegistrationWorkload();
            case "burst" -> new BurstWorkload();
            case "latency" -> new LatencyWorkload();
            case "race" -> new NewDirectoryRaceWorkload();
            case "exists" -> new ExistsWorkload();
            case "recovery" -> new RecoveryWorkload();
            case "churn" -> new ChurnWorkload();
            case "coldlatency" -> new ColdLatencyWorkload();
            default -> throw new IllegalArgumentException("no workload " + name);
        };
    }
}
