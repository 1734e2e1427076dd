/**
 * nativewatch's API. {@link dev.nativewatch.NativeWatch} makes watch services and the paths that register with
 * them; {@link dev.nativewatch.ExtendedKinds} are the event kinds beyond the JDK's, one per change class, and
 * {@link dev.nativewatch.ExtendedModifiers} the registration modifiers (subtree, rescan on overflow, buffer size,
 * exclusion); {@link dev.nativewatch.NativeWatch#backend()} tells which backend is in use and why.
 */
package dev.nativewatch;
