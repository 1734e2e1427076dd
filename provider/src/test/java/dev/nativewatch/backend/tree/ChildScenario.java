package dev.nativewatch.backend.tree;

import java.nio.file.Path;
import java.time.Duration;

/** What the main classes run in a {@link ChildJvm} share: their outcome is their exit code, with a line why. */
abstract class ChildScenario {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_APPLICABLE = 3;
    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** Thrown to end the scenario with an exit code and a reason. */
    static final class Outcome extends RuntimeException {
        final int exitCode;

        Outcome(int exitCode, String reason) {
            super(reason, null, false, false);
            this.exitCode = exitCode;
        }
    }

    abstract void run(Path dir) throws Exception;

    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new Outcome(FAILED, "FAILED: " + failure);
        }
    }

    static void step(String what) {
        System.out.println("step: " + what);
        System.out.flush();
    }

    /** Runs a scenario in the directory named by the first argument and exits with its outcome. */
    static void main(ChildScenario scenario, String[] arguments) {
        int exitCode;
        try {
            scenario.run(Path.of(arguments[0]));
            System.out.println("PASSED");
            exitCode = PASSED;
        } catch (Outcome outcome) {
            System.out.println(outcome.getMessage());
            exitCode = outcome.exitCode;
        } catch (Throwable t) {
            System.out.println("FAILED with an exception:");
            t.printStackTrace(System.out);
            exitCode = FAILED;
        }
        System.out.flush();
        System.exit(exitCode);
    }
}
