/**
 * A compatibility suite for {@code java.nio.file.WatchService} implementations, written against
 * {@code java.nio.file} and JUnit 5 only.
 *
 * <p>An implementation plugs in with a {@link dev.nativewatch.tck.WatchServiceFixture} (its service, its
 * directories, what it claims, where it deviates) and one small subclass per contract:
 *
 * <pre>{@code
 * class MyProviderTck {
 *     static final WatchServiceFixture FIXTURE = new MyFixture();
 *     @Nested class Registration extends RegistrationContract { Registration() { super(FIXTURE); } }
 *     @Nested class EventDelivery extends EventDeliveryContract { EventDelivery() { super(FIXTURE); } }
 *     // KeyLifecycle, Close, Overflow, Concurrency, Extension, Scenario, Differential alike
 * }
 * }</pre>
 *
 * Every check is tagged ({@link dev.nativewatch.tck.TckTags}). {@link dev.nativewatch.tck.TckReportListener},
 * registered as a JUnit Platform listener, writes {@code tck-report.md} with one column per implementation.
 */
package dev.nativewatch.tck;
